CREATE TABLE "contributors" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "contributors_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"install_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"quota_day" date,
	"quota_used" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "contributors_install_hash_unique" UNIQUE("install_hash")
);
--> statement-breakpoint
CREATE TABLE "daily_prices" (
	"product_id" text NOT NULL,
	"currency" text NOT NULL,
	"region" text DEFAULT '' NOT NULL,
	"sku_id" text DEFAULT '' NOT NULL,
	"day" date NOT NULL,
	"min_price" bigint NOT NULL,
	"median_price" bigint NOT NULL,
	"max_price" bigint NOT NULL,
	"observations" integer NOT NULL,
	"contributors" integer NOT NULL,
	"confirmed" boolean NOT NULL,
	"flagged" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "daily_prices_pk" PRIMARY KEY("product_id","currency","region","sku_id","day")
);
--> statement-breakpoint
CREATE TABLE "observations" (
	"contributor_id" bigint NOT NULL,
	"product_id" text NOT NULL,
	"sku_id" text DEFAULT '' NOT NULL,
	"currency" text NOT NULL,
	"region" text DEFAULT '' NOT NULL,
	"day" date NOT NULL,
	"price" bigint NOT NULL,
	"original_price" bigint,
	"shipping" bigint,
	"observed_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"flags" text[] DEFAULT '{}'::text[] NOT NULL,
	CONSTRAINT "observations_pk" PRIMARY KEY("contributor_id","product_id","sku_id","currency","region","day","price")
);
--> statement-breakpoint
ALTER TABLE "observations" ADD CONSTRAINT "observations_contributor_id_contributors_id_fk" FOREIGN KEY ("contributor_id") REFERENCES "public"."contributors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "daily_prices_deals" ON "daily_prices" USING btree ("currency","region","day") WHERE "daily_prices"."confirmed" AND NOT "daily_prices"."flagged";--> statement-breakpoint
CREATE INDEX "observations_series_day" ON "observations" USING btree ("product_id","currency","region","sku_id","day") WITH (fillfactor=90);