package corpora

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
)

// Hard negatives: values that share a shape with PII (digit runs, dots, dashes, hex) but are not
// personal data or secrets. Each is what it claims to be: ISBNs and EANs carry their real check
// digits, UPS numbers theirs; dates appear without birth context; version numbers that would be
// valid dotted quads are avoided (a dotted quad IS an IPv4 address).

type negGen struct {
	name    string
	columns []string
	fn      func(g *gen) string
	prose   []string // sentences with {} for the value
}

var negGens = []negGen{
	{"uuid", []string{"id", "order_uuid", "request_id", "trace_id", "session_id"}, func(g *gen) string {
		b := g.bytes(16)
		b[6], b[8] = b[6]&0x0f|0x40, b[8]&0x3f|0x80
		s := fmt.Sprintf("%x-%x-%x-%x-%x", b[:4], b[4:6], b[6:8], b[8:10], b[10:])
		if g.chance(0.1) {
			s = strings.ToUpper(s)
		}
		return s
	}, []string{"Request {} failed with status 502.", "Created object {} in bucket reports.", "trace_id={} span_id=" + "00f067aa0ba902b7"}},
	{"order-number", []string{"order_no", "order_number", "reference", "external_ref"}, func(g *gen) string {
		return g.fill(g.pick([]string{"ORD-####-######", "SO######", "#########", "PO-2024-#####", "@#########", "WEB-#######", "##########"}))
	}, []string{"Order {} has shipped.", "Your order number is {}.", "Refund issued for order #{}."}},
	{"invoice-number", []string{"invoice_no", "invoice_id", "bill_ref"}, func(g *gen) string {
		return g.fill(g.pick([]string{"INV-######", "INV-2024-####", "RE-####-####", "F2024/#####", "########-##"}))
	}, []string{"Invoice {} is overdue by 14 days.", "Rechnung Nr. {} vom 03.04.2024", "Facture n° {} jointe."}},
	{"timestamp", []string{"created_at", "updated_at", "ts", "event_time", "logged_at"}, func(g *gen) string {
		y, mo, d, h, mi, s := g.between(2015, 2026), g.between(1, 12), g.between(1, 28), g.intn(24), g.intn(60), g.intn(60)
		switch g.intn(6) {
		case 0:
			return fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, d, h, mi, s)
		case 1:
			return fmt.Sprintf("%04d-%02d-%02d %02d:%02d:%02d.%06d+00", y, mo, d, h, mi, s, g.intn(1000000))
		case 2:
			return strconv.Itoa(1500000000 + g.intn(300000000)) // Unix seconds
		case 3:
			return strconv.Itoa(1500000000+g.intn(300000000)) + fmt.Sprintf("%03d", g.intn(1000)) // Unix ms
		case 4:
			return fmt.Sprintf("%02d/%s/%04d:%02d:%02d:%02d +0000", d, monthsEN[mo-1][:3], y, h, mi, s)
		}
		return fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:%02d.%03d+02:00", y, mo, d, h, mi, s, g.intn(1000))
	}, []string{"Job finished at {}.", "Last sync: {}", "[{}] INFO worker started"}},
	{"date", []string{"ship_date", "due_date", "valid_until", "start_date", "release_date"}, func(g *gen) string {
		y, mo, d := g.between(2018, 2027), g.between(1, 12), g.between(1, 28)
		switch g.intn(4) {
		case 0:
			return fmt.Sprintf("%04d-%02d-%02d", y, mo, d)
		case 1:
			return fmt.Sprintf("%02d.%02d.%04d", d, mo, y)
		case 2:
			return fmt.Sprintf("%s %d, %d", monthsEN[mo-1], d, y)
		}
		return fmt.Sprintf("%02d/%02d/%04d", mo, d, y)
	}, []string{"Shipped on {}.", "The contract is valid until {}.", "Release planned for {}.", "Meeting rescheduled to {}."}},
	{"version", []string{"version", "app_version", "client_version", "build"}, func(g *gen) string {
		switch g.intn(5) {
		case 0:
			return fmt.Sprintf("v%d.%d.%d", g.intn(20), g.intn(40), g.intn(200))
		case 1:
			return fmt.Sprintf("%d.%d.%d-rc.%d", g.intn(10), g.intn(30), g.intn(20), g.between(1, 5))
		case 2: // four parts, one beyond 255: not a dotted quad
			return fmt.Sprintf("10.0.%d.%d", g.between(10240, 26100), g.between(1, 5000))
		case 3:
			return fmt.Sprintf("%d.%d.%d+build.%d", g.intn(5), g.intn(20), g.intn(20), g.between(100, 9999))
		}
		return fmt.Sprintf("%d.%d.%d", g.intn(20), g.intn(40), g.intn(200))
	}, []string{"Upgraded to version {} last night.", "Client {} is no longer supported.", "PostgreSQL {} released"}},
	{"hash", []string{"checksum", "sha256", "md5", "etag", "commit", "digest"}, func(g *gen) string {
		b := g.bytes(32)
		switch g.intn(5) {
		case 0:
			return fmt.Sprintf("%x", md5.Sum(b))
		case 1:
			return fmt.Sprintf("%x", sha1.Sum(b))
		case 2:
			return fmt.Sprintf("%x", sha1.Sum(b))[:7]
		case 3:
			return fmt.Sprintf("sha256:%x", sha256.Sum256(b))
		}
		return fmt.Sprintf("%x", sha256.Sum256(b))
	}, []string{"Checksum {} matches.", "Merged commit {} into main.", "ETag: \"{}\""}},
	{"isbn", []string{"isbn", "isbn13", "book_isbn"}, func(g *gen) string {
		if g.chance(0.3) {
			d := g.from(digitsAlpha, 9)
			sum := 0
			for i := range 9 {
				sum += (10 - i) * int(d[i]-'0')
			}
			c := (11 - sum%11) % 11
			cs := strconv.Itoa(c)
			if c == 10 {
				cs = "X"
			}
			return d[:1] + "-" + d[1:4] + "-" + d[4:9] + "-" + cs
		}
		d := g.pick([]string{"978", "979"}) + g.from(digitsAlpha, 9)
		s := d + string(eanCheck(d))
		if g.chance(0.6) {
			return s[:3] + "-" + s[3:4] + "-" + s[4:7] + "-" + s[7:12] + "-" + s[12:]
		}
		return s
	}, []string{"ISBN {}", "The book (ISBN {}) is out of stock.", "Ordered ISBN: {}"}},
	{"ean", []string{"ean", "barcode", "gtin", "upc"}, func(g *gen) string {
		if g.chance(0.3) { // UPC-A
			d := "0" + g.from(digitsAlpha, 10)
			return d + string(eanCheck(d))
		}
		d := g.pick([]string{"400", "401", "500", "590", "761", "871", "880"}) + g.from(digitsAlpha, 9)
		return d + string(eanCheck(d))
	}, []string{"Scanned barcode {} at till 3.", "EAN {} not found in catalogue."}},
	{"tracking", []string{"tracking_number", "tracking_no", "shipment_id", "awb"}, func(g *gen) string {
		switch g.intn(4) {
		case 0:
			return upsTracking(g)
		case 1:
			return "9400 1" + groupEvery(g.from(digitsAlpha, 17), " ", 4) // USPS IMpb, 22 digits
		case 2:
			return g.fill("JJD00########") + g.from(digitsAlpha, 5) // DHL
		}
		return g.fill("##########") // DHL Express waybill
	}, []string{"Your parcel is on its way, tracking number {}.", "Sendungsnummer: {}", "Tracking: {} (UPS)"}},
	{"latlong", []string{"location", "coords", "geo", "latlng"}, func(g *gen) string {
		lat, lon := g.r.Float64()*170-85, g.r.Float64()*360-180
		switch g.intn(3) {
		case 0:
			return fmt.Sprintf("%.6f, %.6f", lat, lon)
		case 1:
			return fmt.Sprintf("%.4f,%.4f", lat, lon)
		}
		return fmt.Sprintf("POINT(%.5f %.5f)", lon, lat)
	}, []string{"Sensor reported position {}.", "Geocoded centroid: {}"}},
	{"numeric-id", []string{"customer_id", "account_id", "user_id", "member_no", "row_id"}, func(g *gen) string {
		return strconv.Itoa(g.between(100000000, 999999999))
	}, []string{"Customer ID {} merged into primary account.", "user_id={} action=login status=ok", "Record {} updated."}},
	{"snowflake-id", []string{"message_id", "tweet_id", "guild_id", "event_id"}, func(g *gen) string {
		return strconv.FormatUint(uint64(1100000000000000000+g.r.Int64N(300000000000000000)), 10)
	}, []string{"Message {} was deleted.", "event_id={}"}},
	{"product-code", []string{"sku", "part_number", "mpn", "model", "article_no"}, func(g *gen) string {
		return g.fill(g.pick([]string{"SKU-#####-XL", "PN ####-###-##", "###-####-AB", "ART.NR. ####-####", "MPN: ##-####-####", "##A###-##", "LM###DT", "74HC###N", "RX-###/##"}))
	}, []string{"Part {} is backordered.", "Replace filter {} every 6 months.", "Artikel {} nicht auf Lager."}},
	{"price", []string{"price", "amount", "total", "unit_price", "balance"}, func(g *gen) string {
		v := g.between(1, 9999999)
		c, f := v/100, v%100
		switch g.intn(5) {
		case 0:
			return fmt.Sprintf("$%s.%02d", thousands(c, ","), f)
		case 1:
			return fmt.Sprintf("€ %s,%02d", thousands(c, "."), f)
		case 2:
			return fmt.Sprintf("USD %s.%02d", thousands(c, ","), f)
		case 3:
			return fmt.Sprintf("%s,%02d kr", thousands(c, " "), f)
		}
		return fmt.Sprintf("%d.%02d", c, f)
	}, []string{"Total due: {}", "Price dropped to {} this week.", "Balance after transfer: {}"}},
	{"postgres", []string{"lsn", "duration", "query_id", "oid"}, func(g *gen) string {
		switch g.intn(4) {
		case 0:
			return fmt.Sprintf("%X/%08X", g.intn(64), g.r.Uint32())
		case 1:
			return fmt.Sprintf("%02d:%02d:%02d.%03d", g.intn(24), g.intn(60), g.intn(60), g.intn(1000))
		case 2:
			return strconv.FormatInt(-g.r.Int64N(1<<62), 10)
		}
		return strconv.Itoa(g.between(16384, 4000000))
	}, []string{"replication lag at {}", "duration: {} ms", "queryid {} is slow"}},
	{"log-line", []string{"message", "log", "line"}, func(g *gen) string {
		return fmt.Sprintf("GET /api/v1/orders/%d?page=%d 200 %dms", g.between(1000, 9999999), g.between(1, 50), g.between(1, 900))
	}, nil},
	{"hex-color", []string{"color", "theme_color"}, func(g *gen) string { return "#" + g.from(hexLower, 6) }, []string{"Set the header colour to {}."}},
	{"k8s-pod", []string{"pod", "host", "container"}, func(g *gen) string {
		return g.pick([]string{"web", "api", "worker", "billing"}) + "-" + g.from("bcdfghjklmnpqrstvwxz2456789", 10) + "-" + g.from("bcdfghjklmnpqrstvwxz2456789", 5)
	}, []string{"Pod {} restarted 3 times.", "OOMKilled: {}"}},
	{"semver-range", []string{"constraint", "requirement"}, func(g *gen) string {
		return fmt.Sprintf(">=%d.%d,<%d.0", g.intn(5), g.intn(20), g.between(5, 9))
	}, nil},
	{"file-size", []string{"size", "bytes"}, func(g *gen) string {
		return thousands(g.between(1000, 2000000000), ",") + " bytes"
	}, []string{"Backup completed, {} written."}},
	{"masked-pii", []string{"card_display", "last4", "masked_ssn", "phone_masked"}, func(g *gen) string {
		// Already-masked values keep no PII: a card's last four digits, a starred SSN.
		return g.fill(g.pick([]string{"**** **** **** ####", "XXXX-XXXX-XXXX-####", "***-**-####", "•••• ####", "+49 *** *****##", "j***@g****.com"}))
	}, []string{"Card ending in {} was charged.", "Paid with {}", "Verified identity ({})."}},
	{"oid", []string{"oid", "snmp_oid", "object_id"}, func(g *gen) string {
		return fmt.Sprintf("1.3.6.1.%d.%d.%d.%d.%d", g.between(2, 4), g.intn(10), g.between(1, 60000), g.intn(30), g.intn(300))
	}, []string{"Polling SNMP OID {} every 60 s."}},
	{"cas-number", []string{"cas", "cas_number", "substance"}, func(g *gen) string {
		d := strconv.Itoa(g.between(50, 9999999)) + g.from(digitsAlpha, 2)
		sum := 0
		for i := 0; i < len(d); i++ {
			sum += (len(d) - i) * int(d[i]-'0')
		}
		return d[:len(d)-2] + "-" + d[len(d)-2:] + "-" + strconv.Itoa(sum%10)
	}, []string{"Substance CAS {} is listed as an irritant."}},
	{"bic", []string{"bic", "swift", "swift_code"}, func(g *gen) string {
		return g.pick([]string{"DEUT", "COBA", "BNPA", "HSBC", "INGB", "RABO", "BBVA", "UNCR", "CHAS", "BARC"}) +
			g.pick([]string{"DE", "FR", "GB", "NL", "ES", "IT", "US"}) + g.pick([]string{"FF", "2L", "MM", "22", "33"}) + g.pick([]string{"", "XXX", "500"})
	}, []string{"SWIFT/BIC: {}", "Correspondent bank {} confirmed."}},
	{"code", []string{"snippet", "source", "diff"}, func(g *gen) string {
		return g.pick([]string{"std::vector<int> v; v.push_back(42);", "auto it = std::map<std::string, int>::iterator{};", "Foo::Bar::baz(1, 2, 3)",
			"if (x >= 0xFF00 && y < 1024) { return -1; }", "for i in range(10_000): total += i * 3.14159", "SELECT id, created_at FROM orders WHERE total > 100.00 LIMIT 50;",
			"@@ -12,7 +12,9 @@ func main() {", "color: #1a2b3c; margin: 0 auto 12px;", "ts := time.Unix(1700000000, 0)"})
	}, nil},
	{"base64-blob", []string{"thumbnail", "payload", "avatar"}, func(g *gen) string {
		return "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA" + b64std(g.bytes(g.between(30, 120)))
	}, nil},
	{"time", []string{"opening_hours", "duration", "time"}, func(g *gen) string {
		return fmt.Sprintf("%02d:%02d-%02d:%02d", g.between(6, 11), 30*g.intn(2), g.between(16, 22), 30*g.intn(2))
	}, []string{"Open daily {}.", "Support hours {} CET."}},
	{"tx-hash", []string{"txid", "tx_hash", "transaction_hash"}, func(g *gen) string {
		if g.chance(0.5) { // Ethereum transaction hashes are 32 bytes, addresses 20
			return fmt.Sprintf("0x%x", g.bytes(32))
		}
		return fmt.Sprintf("%x", g.bytes(32)) // Bitcoin txid
	}, []string{"Payment confirmed in transaction {}.", "txid: {}"}},
	{"aba-routing", []string{"routing_number", "aba", "bank_routing"}, func(g *gen) string {
		// ABA routing numbers identify a bank, not a person: 3-7-1 weighted check digit.
		d := g.pick([]string{"0", "1", "2", "3"}) + g.from(digitsAlpha, 7)
		w := []int{3, 7, 1, 3, 7, 1, 3, 7}
		sum := 0
		for i := range 8 {
			sum += w[i] * int(d[i]-'0')
		}
		return d + strconv.Itoa((10-sum%10)%10)
	}, []string{"Bank routing number (ABA) {} for Chase.", "ABA {}"}},
	{"docker-image", []string{"image", "container_image"}, func(g *gen) string {
		return g.pick([]string{"nginx", "postgres", "redis", "node", "python", "golang"}) + ":" + fmt.Sprintf("%d.%d.%d", g.between(1, 20), g.intn(30), g.intn(20)) + g.pick([]string{"", "-alpine", "-bookworm", "-slim"})
	}, []string{"Deployed image {} to staging."}},
	{"aws-arn", []string{"arn", "role_arn", "resource"}, func(g *gen) string {
		return "arn:aws:" + g.pick([]string{"iam::", "sqs:eu-west-1:", "lambda:us-east-1:", "sns:us-west-2:"}) + g.from(digitsAlpha, 12) + ":" + g.pick([]string{"role/Admin", "orders-queue", "function:resize-images", "alerts"})
	}, []string{"Assumed role {} for the migration."}},
	{"issn-doi", []string{"issn", "doi", "citation"}, func(g *gen) string {
		if g.chance(0.5) {
			d := g.from(digitsAlpha, 7)
			sum := 0
			for i := range 7 {
				sum += (8 - i) * int(d[i]-'0')
			}
			c := (11 - sum%11) % 11
			cs := strconv.Itoa(c)
			if c == 10 {
				cs = "X"
			}
			return "ISSN " + d[:4] + "-" + d[4:] + cs
		}
		return fmt.Sprintf("doi:10.%d/%s.%d.%d", g.between(1000, 9999), g.pick([]string{"nphys", "s41586", "j.cell", "jama"}), g.between(2000, 2024), g.between(100, 99999))
	}, []string{"See {} for the original study."}},
	{"business-numbers", []string{"notes", "summary", "kpi"}, func(g *gen) string {
		return g.pick([]string{
			fmt.Sprintf("Flight LH %d departs at %02d:%02d from gate B%d.", g.between(100, 2999), g.intn(24), g.intn(60), g.between(1, 60)),
			fmt.Sprintf("Quarterly revenue reached $%s, up %d.%d%% year over year.", thousands(g.between(1000000, 2000000000), ","), g.intn(40), g.intn(10)),
			fmt.Sprintf("Compliant with ISO %d:%d and RFC %d.", g.pick2(27001, 9001), g.between(2013, 2022), g.between(791, 9999)),
			fmt.Sprintf("Warehouse 3 holds %s units across %d bins (rows %d-%d).", thousands(g.between(10000, 9000000), ","), g.between(100, 9999), g.between(1, 20), g.between(21, 99)),
			fmt.Sprintf("The match ended %d-%d after extra time; attendance %s.", g.intn(6), g.intn(6), thousands(g.between(10000, 99000), ",")),
		})
	}, nil},
}

func b64std(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

func eanCheck(d string) byte {
	sum := 0
	for i := 0; i < len(d); i++ {
		w := 1
		if (len(d)-i)%2 == 1 {
			w = 3
		}
		sum += w * int(d[i]-'0')
	}
	return byte('0' + (10-sum%10)%10)
}

// upsTracking returns "1Z" + shipper (6) + service (2) + package (7) + check digit.
func upsTracking(g *gen) string {
	body := g.from(upperAlpha+digitsAlpha, 6) + g.pick([]string{"01", "02", "03", "12", "13"}) + g.from(digitsAlpha, 7)
	sum := 0
	for i := 0; i < len(body); i++ {
		c := body[i]
		v := int(c - '0')
		if c >= 'A' {
			v = int(c-'A'+2) % 10
		}
		if i%2 == 1 {
			v *= 2
		}
		sum += v
	}
	return "1Z" + body + strconv.Itoa((10-sum%10)%10)
}

func thousands(n int, sep string) string {
	s := strconv.Itoa(n)
	var parts []string
	for len(s) > 3 {
		parts = append([]string{s[len(s)-3:]}, parts...)
		s = s[:len(s)-3]
	}
	return strings.Join(append([]string{s}, parts...), sep)
}

func (g *gen) negativeSample() Sample {
	ng := negGens[g.intn(len(negGens))]
	v := ng.fn(g)
	s := Sample{Text: v, Column: g.pick(ng.columns), Kind: "none", Format: ng.name, Spans: []Span{}}
	if len(ng.prose) > 0 && g.chance(0.35) {
		s.Text = strings.Replace(g.pick(ng.prose), "{}", v, 1)
		s.Column = g.pick([]string{"notes", "comment", "message", "log"})
	}
	return s
}
