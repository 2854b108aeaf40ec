import type { ReviewData } from "@/server/review";

/** What the server page hands the client review screen (plain JSON). */
export type ReviewProps = { data: Omit<ReviewData, "access"> };
export type ReviewSentence = ReviewData["sentences"][number];
export type DimKey = ReviewData["keys"][number];
