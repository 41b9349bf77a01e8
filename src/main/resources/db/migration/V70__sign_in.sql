-- Sign-ins kept in the database, so that any node recognises a signed-in person and a sign-out or a
-- disabled account counts on every node at once. Only the SHA-256 of the cookie's token is kept.
create table sign_in (
    token_hash  varchar(64)  not null primary key,
    username    varchar(100) not null,
    created_at  timestamp with time zone not null,
    expires_at  timestamp with time zone not null,
    constraint sign_in_account_fk foreign key (username) references account (username) on delete cascade
);
create index sign_in_username on sign_in (username);
create index sign_in_expires on sign_in (expires_at);

-- Secrets every node must share, written once by the first node that needs one: the key that
-- encrypts the state of the forms kept in the browser.
create table node_secret (
    name   varchar(50)  not null primary key,
    secret varchar(200) not null
);
