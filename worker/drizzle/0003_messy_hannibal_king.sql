DROP INDEX "observations_series_day";--> statement-breakpoint
ALTER TABLE "daily_prices" ADD COLUMN "reads" bigint[] DEFAULT '{}'::bigint[] NOT NULL;--> statement-breakpoint
ALTER TABLE "daily_prices" ADD COLUMN "revision" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "observations_contributor" ON "observations" USING btree ("contributor_id");--> statement-breakpoint
ALTER TABLE "observations" DROP CONSTRAINT "observations_pk";
--> statement-breakpoint
ALTER TABLE "observations" ADD CONSTRAINT "observations_pk" PRIMARY KEY("product_id","currency","region","sku_id","day","contributor_id","price");