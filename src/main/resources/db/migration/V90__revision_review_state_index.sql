-- The review mails look every few seconds on each node for the proposals waiting and the steps not
-- yet looked at. The steps of a bulk import, published by the person who imported them, never make a
-- mail: they are no longer left pending (the import wrote them pending, and 100,000 of them kept the
-- mail thread reading revisions for minutes). The waiting proposals are found through an index.
update workflow_event e set mail_pending = false where mail_pending = true
    and exists (select 1 from revision r where r.sheet_id = e.sheet_id and r.number = e.revision_number
                and r.author = e.actor);
create index revision_review_state on revision (review_state);
