CREATE TABLE "sweeps" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"graph_id" text,
	"graph_version" integer,
	"document" jsonb NOT NULL,
	"axes" jsonb NOT NULL,
	"member_count" integer NOT NULL,
	"cancel_requested" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "sweep_id" text;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "sweep_member" integer;--> statement-breakpoint
ALTER TABLE "sweeps" ADD CONSTRAINT "sweeps_graph_id_graphs_id_fk" FOREIGN KEY ("graph_id") REFERENCES "public"."graphs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_sweep_id_sweeps_id_fk" FOREIGN KEY ("sweep_id") REFERENCES "public"."sweeps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "runs_sweep_idx" ON "runs" USING btree ("sweep_id");