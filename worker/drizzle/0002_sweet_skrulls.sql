CREATE TABLE "pair_blobs" (
	"pair_id" text PRIMARY KEY NOT NULL,
	"ciphertext" text NOT NULL,
	"version" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
