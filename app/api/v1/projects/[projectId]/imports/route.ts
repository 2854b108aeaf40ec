import { z } from "zod";
import { otherMethods, readBodyLimited, readJson, withActor } from "@/server/http";
import { InvalidError } from "@/server/errors";
import { parseInput } from "@/server/parse-input";
import { checkImportAccess, listImportJobs, startImport, UploadTooLargeError, type UploadFile } from "@/server/imports";
import { MAX_UPLOAD_BYTES, pastedTextInput } from "@/lib/validation/imports";

type Ctx = { params: Promise<{ projectId: string }> };

/** Room for multipart boundaries and part headers on top of the files themselves. */
const MULTIPART_OVERHEAD = 1024 * 1024;

const uploadedFiles = z
  .array(
    z.custom<File>((v) => typeof v === "object" && v !== null && "arrayBuffer" in v, { message: 'every "files" field must be a file' }),
  )
  .min(1, { message: 'Choose at least one file (form field "files")' });

async function readUpload(req: Request, contentType: string): Promise<UploadFile[]> {
  const body = await readBodyLimited(
    req,
    MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD,
    (bytes, partial) => new UploadTooLargeError(bytes, partial),
  );
  let form: FormData;
  try {
    form = await new Response(body as BodyInit, { headers: { "content-type": contentType } }).formData();
  } catch {
    throw new InvalidError("The upload is not valid multipart/form-data");
  }
  return Promise.all(
    parseInput(uploadedFiles, form.getAll("files")).map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
  );
}

/**
 * Starts an import: multipart/form-data with one or more `files` fields, or JSON `{ text, title? }`
 * for pasted text. 202 `{ job }`; poll GET …/imports/{job.id} for progress and the report.
 */
export const POST = withActor<Ctx>(
  async (req, { actor, params }) => {
    const { projectId } = await params;
    // Who may import is settled before a large body is read.
    await checkImportAccess(actor, projectId);
    const contentType = req.headers.get("content-type") ?? "";
    let job;
    if (contentType.startsWith("multipart/form-data")) {
      job = await startImport(actor, projectId, await readUpload(req, contentType));
    } else if (contentType.startsWith("application/json")) {
      job = await startImport(actor, projectId, parseInput(pastedTextInput, await readJson(req)));
    } else {
      throw new InvalidError('Send multipart/form-data with one or more "files" fields, or JSON { "text": …, "title": … }');
    }
    return Response.json({ job }, { status: 202 });
  },
  { uploads: true },
);

/** The project's recent imports, newest first: `{ jobs }`. */
export const GET = withActor<Ctx>(async (_req, { actor, params }) => ({ jobs: await listImportJobs(actor, (await params).projectId) }));

/** Other methods: 405 with `Allow`. */
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
