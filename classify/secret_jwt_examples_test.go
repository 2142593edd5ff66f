package classify

var _ = examples("jwt",
	tp("Authorization: Bearer «JWT|eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c»"),
	tp(`{"id_token":"«JWT|eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJpc3MiOiJodHRwczovL2V4YW1wbGUuY29tIn0.c2lnbmF0dXJl»"}`),
	tp("unsigned «JWT|eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0.» token"),
	fp("eyJmb28iOiJiYXIifQ.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2ln"),
	fp("eyJhbGciOiJIUzI1NiJ9 alone"),
	fp("eyJhbGciOiJIUzI1NiJ9.notjson.sig"),
	fp("heyJude.eyJzdWIiOiJhIn0.sig"),
	fp("eyJ!!!.eyJzdWIiOiJhIn0.sig"),
)
