-- 0004: job retries (issue 14). A job that failed for a reason that may
-- pass (the store was unreachable, a worker was lost) is queued again and
-- may not be claimed before run_after; attempts counts the claims.
ALTER TABLE jobs ADD COLUMN run_after TEXT;
