-- Accounts and their roles (contributor, editor, admin); passwords as PBKDF2 hashes.
create table account (
    username      varchar(100) not null primary key,
    password_hash varchar(500) not null,
    created_at    timestamp with time zone not null
);

create table account_role (
    username varchar(100) not null,
    role     varchar(20)  not null,
    constraint account_role_pk primary key (username, role),
    constraint account_role_account_fk foreign key (username) references account (username)
);
