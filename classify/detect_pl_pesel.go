package classify

// plPESELDetector finds PL_PESEL: 11 digits encoding a valid birth date (month +20/+40/+60/+80
// for the 2000s/2100s/2200s/1800s) and a check digit with weights 1,3,7,9,1,3,7,9,1,3. Without
// the column hint or the word "PESEL" nearby it is reported with a low score.
type plPESELDetector struct{}

func init() { registerBuiltin(&plPESELDetector{}) }

func (*plPESELDetector) Name() string   { return "pl_pesel" }
func (*plPESELDetector) Types() TypeSet { return SetOf(PLPESEL) }
func (*plPESELDetector) Triggers() Triggers {
	return Triggers{Bytes: "0123456789", MinDigits: 11, NumDigits: 1 << 11}
}

var peselContextWords = newWordList("pesel")

func peselValid(d []byte) bool {
	if len(d) != 11 || allSame(d) {
		return false
	}
	w := [10]int{1, 3, 7, 9, 1, 3, 7, 9, 1, 3}
	s := 0
	for i := 0; i < 10; i++ {
		s += w[i] * int(d[i]-'0')
	}
	if (10-s%10)%10 != int(d[10]-'0') {
		return false
	}
	yy := int(d[0]-'0')*10 + int(d[1]-'0')
	mm := int(d[2]-'0')*10 + int(d[3]-'0')
	dd := int(d[4]-'0')*10 + int(d[5]-'0')
	year := 1900 + yy
	switch {
	case mm > 80:
		mm -= 80
		year -= 100
	case mm > 60:
		mm -= 60
		year += 300
	case mm > 40:
		mm -= 40
		year += 200
	case mm > 20:
		mm -= 20
		year += 100
	}
	return validDate(year, mm, dd)
}

// validDate reports whether year-month-day exists in the Gregorian calendar.
func validDate(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	days := [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m]
	if m == 2 && (y%4 == 0 && (y%100 != 0 || y%400 == 0)) {
		days = 29
	}
	return d <= days
}

func (*plPESELDetector) Detect(text []byte, c Candidate, ctx *Context, sink Sink) int {
	var tb numToken
	t := numTokenAt(text, c.Pos, sink, &tb)
	if t.overflow || t.nd != 11 || t.ng != 1 || !peselValid(t.digitsOf()) {
		return t.end
	}
	score := float32(0.5)
	switch {
	case wordNearBefore(text, t.start, 32, peselContextWords):
		score = 0.95
	case ctx.Expect == PLPESEL:
		score = 0.9
	case ctx.expects(PLPESEL, ColumnNationalID):
		score = 0.7
	case numNegativeContext(text, t.start) || wordNearBefore(text, t.start, 32, phoneContextWords):
		return t.end
	}
	sink.Span(Span{Start: t.start, End: t.end, Type: PLPESEL, Score: score})
	return t.end
}
