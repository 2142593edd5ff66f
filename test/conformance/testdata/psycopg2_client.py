# A psycopg2 session whose printed output must be the same directly and
# through maskwire. Usage: psycopg2_client.py DSN
import sys, io, psycopg2, psycopg2.extras

rows = 0
conn = psycopg2.connect(sys.argv[1])
conn.autocommit = False
cur = conn.cursor()

def show(label, data):
    print(label, repr(data))

cur.execute("""select 1::int2, (-9223372036854775808)::int8, 12345678901234567890.123456789::numeric, 1.5e300::float8,
    'héllo ✓ 日本語'::text, '\\xdeadbeef'::bytea, '{"a": [1, {"b": null}]}'::jsonb, array[1, null, 3]::int[],
    '2024-02-29 13:14:15.123456+05:30'::timestamptz, '2024-01-01'::date, null::text, true,
    'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid""")
for r in cur.fetchall():
    rows += 1
    show("types", [bytes(v) if isinstance(v, memoryview) else v for v in r])

cur.execute("create temp table p (id int primary key, name text, amount numeric)")
cur.executemany("insert into p values (%s, %s, %s)", [(i, "name %d ü" % i, i / 4) for i in range(1, 51)])
psycopg2.extras.execute_values(cur, "insert into p values %s", [(i, None, i) for i in range(51, 101)])
cur.execute("select count(*), sum(amount) from p")
rows += 1
show("count", cur.fetchone())

# A server-side (named) cursor: DECLARE and FETCH in batches.
named = conn.cursor(name="mwc_named")
named.itersize = 7
named.execute("select id, name from p order by id")
n = 0
for r in named:
    n += 1
    rows += 1
    if n % 20 == 0:
        show("named", r)
named.close()

# COPY both ways.
buf = io.StringIO()
cur.copy_expert("copy (select * from p order by id) to stdout with (format csv)", buf)
data = buf.getvalue()
show("copy-out-bytes", len(data))
cur.execute("create temp table p2 (like p)")
cur.copy_expert("copy p2 from stdin with (format csv)", io.StringIO(data))
cur.execute("select count(*), md5(string_agg(p2::text, ',' order by id)) from p2")
rows += 1
show("copy-in", cur.fetchone())

# An error rolls the transaction back; the connection goes on.
try:
    cur.execute("select 1 / 0")
except psycopg2.Error as e:
    show("error", (e.pgcode, e.pgerror.splitlines()[0]))
conn.rollback()
cur.execute("do $$ begin raise notice 'note %', 7; end $$")
show("notices", conn.notices)
cur.execute("select %s::text || %s", ("a'b", 5))
rows += 1
show("params", cur.fetchone())
conn.commit()
conn.close()
print("ROWS", rows)
