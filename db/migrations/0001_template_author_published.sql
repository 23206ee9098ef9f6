ALTER TABLE "templates" ADD COLUMN "author" text;--> statement-breakpoint
ALTER TABLE "templates" ADD COLUMN "published" boolean DEFAULT true NOT NULL;