-- Custom migration: fill daily_prices.reads (the counted reads each rollup row is aggregated from, rollup.ts)
-- from the raw reads kept: (contributor, price, flagged) triples, flat, sorted. A series-day with counted reads
-- but no rollup row (every vote held back by the far rule) gets an unpublished row (contributors = 0), as
-- ingest now writes it. The excluded flags are those of AGGREGATE_RULES when this migration was written.
INSERT INTO daily_prices AS dp (product_id, currency, region, sku_id, day, min_price, median_price, max_price,
                                observations, contributors, confirmed, flagged, reads)
SELECT product_id, currency, region, sku_id, day, 0, 0, 0, 0, 0, false, false,
       array(SELECT unnest(array_agg(ARRAY[contributor_id, price, (cardinality(flags) > 0)::int]
                                     ORDER BY contributor_id, price)))
FROM observations
WHERE NOT (flags && ARRAY['new-user-price', 'out-of-stock', 'unreachable']::text[])
GROUP BY product_id, currency, region, sku_id, day
ON CONFLICT (product_id, currency, region, sku_id, day) DO UPDATE SET reads = excluded.reads;
