CREATE TABLE visits (id int, region text) PARTITION BY LIST (region);
CREATE TABLE visits_eu PARTITION OF visits FOR VALUES IN ('eu');
CREATE TABLE visits_us PARTITION OF visits FOR VALUES IN ('us');
CREATE INDEX visits_eu_id ON visits_eu (id);
