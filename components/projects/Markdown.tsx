"use client";

import ReactMarkdown from "react-markdown";
import { safeMarkdownUrl } from "@/lib/validation/projects";

/**
 * Guidelines markdown. Raw HTML is skipped (never rendered), and only http(s) and mailto URLs
 * survive: javascript:, data: and the like become empty links.
 */
export function Markdown({ children }: { children: string }) {
  return (
    <div className="space-y-2 text-sm leading-relaxed [&_a]:text-blue-800 [&_a]:underline dark:[&_a]:text-blue-300 [&_blockquote]:border-l-4 [&_blockquote]:border-stone-300 [&_blockquote]:pl-3 [&_code]:rounded [&_code]:bg-stone-100 [&_code]:px-1 [&_code]:font-mono dark:[&_code]:bg-stone-800 [&_h1]:text-xl [&_h1]:font-semibold [&_h2]:text-lg [&_h2]:font-semibold [&_h3]:font-semibold [&_ol]:list-decimal [&_ol]:pl-5 [&_ul]:list-disc [&_ul]:pl-5">
      <ReactMarkdown
        skipHtml
        urlTransform={safeMarkdownUrl}
        components={{
          a: ({ node: _node, href, children: text, ...rest }) =>
            href ? (
              <a {...rest} href={href} rel="noopener noreferrer nofollow" target="_blank">
                {text}
              </a>
            ) : (
              <span>{text}</span>
            ),
        }}
      >
        {children}
      </ReactMarkdown>
    </div>
  );
}
