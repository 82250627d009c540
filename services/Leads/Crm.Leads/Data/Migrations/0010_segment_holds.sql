-- Whether a segment's filter (segments.filter, jsonb) holds a lead: every list that is not empty matches (any value
-- within it), industries without regard to case, and the score is at least the lowest given. The one definition that
-- cadences (leads joining) and segment exports both read; a plain SQL expression, which the planner inlines.
CREATE FUNCTION segment_holds(filter jsonb, l leads) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT (jsonb_array_length(filter->'sources') = 0 OR filter->'sources' ? l.source)
       AND (jsonb_array_length(filter->'campaignIds') = 0 OR filter->'campaignIds' ? l.campaign_id::text)
       AND (jsonb_array_length(filter->'industries') = 0
            OR EXISTS (SELECT FROM jsonb_array_elements_text(filter->'industries') i WHERE lower(i) = lower(l.company->>'industry')))
       AND (jsonb_array_length(filter->'countries') = 0 OR filter->'countries' ? (l.company->'address'->>'country'))
       AND (jsonb_array_length(filter->'personas') = 0 OR filter->'personas' ? (l.contact->>'buyingRole'))
       AND l.score >= coalesce((filter->>'minimumScore')::integer, 0)
$$;
