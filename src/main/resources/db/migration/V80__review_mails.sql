-- The address a person is told at about review, and whether they want those mails.
alter table account add column email varchar(254);
alter table account add column review_mails boolean default true not null;
-- When an editor was last sent the digest of the proposals waiting: at most one per period, claimed
-- by a conditional update so that two nodes never send it twice.
alter table account add column review_digest_at timestamp with time zone;

-- Workflow steps the review mails have not looked at yet. The steps already stored are done; a new
-- one is written pending, in the transaction of the step itself, so no step is missed or mailed twice.
alter table workflow_event add column mail_pending boolean default false not null;
alter table workflow_event alter column mail_pending set default true;
create index workflow_event_mail_pending on workflow_event (mail_pending);
