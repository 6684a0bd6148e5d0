-- AlterTable
ALTER TABLE "DatasetVersion" ADD COLUMN "columnCount" INTEGER NOT NULL DEFAULT 0;

-- Backfill from the schema stored at upload, so no read has to parse an old version's schema to count it.
UPDATE "DatasetVersion" SET "columnCount" = CASE WHEN json_valid("schema") THEN COALESCE(json_array_length("schema", '$.columns'), 0) ELSE 0 END;
