-- The forecast category of each deal (pipeline, best case, commit, closed, omitted), for the roll-ups by category. It
-- is told by ForecastUpdated; winning closes a deal's category and losing omits it. Deals already held take the
-- category of their newest step that told one (their steps are kept in deal_steps), and won or lost deals their outcome's.
ALTER TABLE forecast_entries
    ADD COLUMN IF NOT EXISTS category text NULL,
    ADD COLUMN IF NOT EXISTS category_version bigint NOT NULL DEFAULT 0;
UPDATE forecast_entries e SET category = s.category, category_version = s.version
FROM (SELECT DISTINCT ON (opportunity_id) opportunity_id, category, version
      FROM deal_steps WHERE category IS NOT NULL ORDER BY opportunity_id, version DESC) s
WHERE e.opportunity_id = s.opportunity_id AND e.category_version < s.version;
UPDATE forecast_entries SET category = CASE stage WHEN 'Won' THEN 'Closed' ELSE 'Omitted' END, category_version = stage_version
WHERE stage IN ('Won', 'Lost') AND category_version < stage_version;
