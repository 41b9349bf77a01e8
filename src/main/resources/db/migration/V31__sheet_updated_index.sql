-- The administration lists the sheets changed last: read from this index, not by sorting them all.
create index sheet_updated_at on sheet (updated_at);
