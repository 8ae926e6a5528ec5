-- First start of the warehouse container: the schemas the embedded stack also creates.
create schema if not exists meltano;
create schema if not exists raw_hubspot;
create schema if not exists raw_oltp;
create schema if not exists raw_s3;
create schema if not exists dagster;
