-- 0005: why a document's analysis is incomplete (muster.Analysis.Note),
-- such as "analysis truncated: not finished within 2m0s" for a document
-- stored without claims because its analysis ran past the budget (issue 14).
ALTER TABLE documents ADD COLUMN note TEXT NOT NULL DEFAULT '';
