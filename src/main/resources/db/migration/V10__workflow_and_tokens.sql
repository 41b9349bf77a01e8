-- Editorial workflow: the review state of each revision and the record of every transition;
-- API tokens; accounts that can be disabled without losing their history.

alter table revision add column review_state varchar(20);
update revision set review_state = 'PUBLISHED'
    where id in (select published_revision_id from sheet where published_revision_id is not null);
update revision set review_state = 'ARCHIVED'
    where review_state is null and exists (select 1 from sheet s join revision p on p.id = s.published_revision_id
                                           where s.id = revision.sheet_id and p.number > revision.number);
update revision set review_state = 'SUBMITTED' where review_state is null;
alter table revision alter column review_state set not null;

create sequence workflow_event_seq start with 50 increment by 50;
create table workflow_event (
    id              bigint        not null primary key,
    sheet_id        bigint        not null,
    revision_number integer       not null,
    from_state      varchar(20),
    to_state        varchar(20)   not null,
    actor           varchar(200)  not null,
    created_at      timestamp with time zone not null,
    comment         varchar(1000),
    constraint workflow_event_sheet_fk foreign key (sheet_id) references sheet (id)
);
create index workflow_event_sheet on workflow_event (sheet_id);

alter table account add column disabled boolean default false not null;

create sequence api_token_seq start with 1 increment by 1;
create table api_token (
    id           bigint       not null primary key,
    username     varchar(100) not null,
    token_hash   varchar(64)  not null,
    label        varchar(200),
    created_at   timestamp with time zone not null,
    last_used_at timestamp with time zone,
    revoked_at   timestamp with time zone,
    constraint api_token_hash_unique unique (token_hash),
    constraint api_token_account_fk foreign key (username) references account (username)
);
create index api_token_username on api_token (username);
