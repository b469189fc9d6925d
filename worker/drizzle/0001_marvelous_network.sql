CREATE TABLE "push_subscriptions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "push_subscriptions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"endpoint" text NOT NULL,
	"p256dh" text NOT NULL,
	"auth" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "push_subscriptions_endpoint_unique" UNIQUE("endpoint")
);
--> statement-breakpoint
CREATE TABLE "push_watches" (
	"subscription_id" bigint NOT NULL,
	"product_id" text NOT NULL,
	"currency" text NOT NULL,
	"region" text DEFAULT '' NOT NULL,
	"target" bigint NOT NULL,
	"armed" boolean DEFAULT true NOT NULL,
	"notified_day" date,
	CONSTRAINT "push_watches_pk" PRIMARY KEY("subscription_id","product_id","currency","region")
);
--> statement-breakpoint
ALTER TABLE "push_watches" ADD CONSTRAINT "push_watches_subscription_id_push_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."push_subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "push_watches_series" ON "push_watches" USING btree ("product_id","currency","region");