package corpora

import (
	"strconv"
	"strings"
)

// textTemplates are prose with {TYPE} slots, by language. The words around a slot are the words
// people write around such a value (which is also what context-aware detectors read).
var textTemplates = map[string][]string{
	"en": {
		"Please contact {PERSON} at {EMAIL_ADDRESS} or call {PHONE_NUMBER}.",
		"Hi team, my new email is {EMAIL_ADDRESS}, please update the CRM.",
		"Customer called from {PHONE_NUMBER} asking about order status.",
		"You can reach me on my mobile: {PHONE_NUMBER} (after 6pm).",
		"Ship to {PERSON}, {LOCATION}.",
		"The package was delivered to {LOCATION} yesterday.",
		"SSN: {US_SSN}",
		"Employee {PERSON} (SSN {US_SSN}) was added to payroll.",
		"Paid with card {CREDIT_CARD}, exp 08/27.",
		"Please charge my credit card {CREDIT_CARD} for the renewal.",
		"Refund to IBAN {IBAN_CODE}, account holder {PERSON}.",
		"Bank details: IBAN {IBAN_CODE}",
		"Failed login for user {EMAIL_ADDRESS} from {IP_ADDRESS}.",
		"Connection reset by peer {IP_ADDRESS} after 30s.",
		"Device with MAC {MAC_ADDRESS} joined the guest network.",
		"See {URL} for the full report.",
		"The staging database is at {URL} if you need it.",
		"Send the BTC to {CRYPTO} before Friday.",
		"Donations: {CRYPTO}",
		"Patient {PERSON}, date of birth {DATE_TIME}, was admitted on Monday.",
		"DOB: {DATE_TIME}",
		"{PERSON} was born on {DATE_TIME} in a small town.",
		"National Insurance number {UK_NINO} is on file for {PERSON}.",
		"My SIN is {CA_SIN} and I moved to {LOCATION}.",
		"Aadhaar no. {IN_AADHAAR} verified for {PERSON}.",
		"Tax file number (TFN): {AU_TFN}",
		"NRIC {SG_NRIC_FIN} belongs to {PERSON}.",
		"Use key {AWS_ACCESS_KEY#0} for the backup bucket.",
		"I accidentally committed aws_secret_access_key={AWS_SECRET_KEY#0} to the repo, rotate it!",
		"CI fails because the token {GITHUB_TOKEN} expired.",
		"Set GITLAB_TOKEN to {GITLAB_TOKEN} in the runner.",
		"The bot uses {SLACK_TOKEN} to post alerts.",
		"Stripe secret for prod: {STRIPE_KEY}",
		"Maps stopped working, the key {GOOGLE_API_KEY} hit its quota.",
		"OPENAI_API_KEY={OPENAI_KEY}",
		"export ANTHROPIC_API_KEY={ANTHROPIC_KEY}",
		"Authorization header was Bearer {JWT} in the failing request.",
		"Here is the deploy key, keep it safe:\n{PRIVATE_KEY}\nthanks",
		"Connection string: {PASSWORD}",
		"Config dump: {GENERIC_SECRET}",
		"Meeting moved to Thursday, agenda attached.",
		"The quarterly numbers look good; revenue is up 12%.",
		"Ticket closed after the customer confirmed the fix.",
		"{PERSON} will join the call with {PERSON}.",
		"Contact: {PERSON} <{EMAIL_ADDRESS}>",
		"Forwarded message from {EMAIL_ADDRESS}: please call me back at {PHONE_NUMBER}.",
		"New address for {PERSON}: {LOCATION}. Phone {PHONE_NUMBER}.",
		"Office: {PHONE_NUMBER} | Mobile: {PHONE_NUMBER}",
		"Tel.: {PHONE_NUMBER}\nFax: {PHONE_NUMBER}",
		"Hello, this is {PERSON}. Please ring me back on {PHONE_NUMBER} when you get a chance.",
		"Write to <a href=\"mailto:{EMAIL_ADDRESS}\">us</a> for details.",
		"From: {PERSON} <{EMAIL_ADDRESS}>\nTo: {EMAIL_ADDRESS}\nSubject: invoice",
		"cc {EMAIL_ADDRESS}, {EMAIL_ADDRESS}",
		"Name: {PERSON}\nDOB: {DATE_TIME}\nSSN: {US_SSN}\nAddress: {LOCATION}",
		"Applicant {PERSON}, d.o.b. {DATE_TIME}, social security number {US_SSN}.",
		"Birthday: {DATE_TIME}",
		"Mr. {PERSON} lives at {LOCATION}.",
		"Dr. {PERSON} signed the discharge papers.",
		"Ms. {PERSON} asked us to cancel the subscription.",
		"Thanks {PERSON}, I've forwarded this to {PERSON} in billing.",
		"{IP_ADDRESS} - - [10/Oct/2023:13:55:36 +0000] \"GET /index.html HTTP/1.1\" 200 2326",
		"DHCPACK on {IP_ADDRESS} to {MAC_ADDRESS} via eth0",
		"sshd[2231]: Accepted publickey for deploy from {IP_ADDRESS} port 52144 ssh2",
		"Docs: [setup guide]({URL}), questions to {EMAIL_ADDRESS}.",
		"Check {URL}, then {URL}.",
		"Card number: {CREDIT_CARD} CVV 123",
		"Please update my card to {CREDIT_CARD}; the old one expired.",
		"Wire the deposit to {IBAN_CODE} by Friday.",
		"ETH: {CRYPTO}",
		"my bitcoin address is {CRYPTO}",
		"SSN#{US_SSN}",
		"```\nAWS_ACCESS_KEY_ID={AWS_ACCESS_KEY#0}\nAWS_SECRET_ACCESS_KEY={AWS_SECRET_KEY#0}\n```",
		"token: {GITHUB_TOKEN}",
		"webhook {SLACK_TOKEN} posts to #alerts",
		"curl -H \"Authorization: Bearer {OPENAI_KEY}\" {URL#0}",
		"DATABASE_URL={URL#1}",
		"{PERSON} ({EMAIL_ADDRESS}) reported the outage from {IP_ADDRESS}.",
		"The invoice was sent to {PERSON} at {LOCATION} on 2024-02-01.",
		"Order 100234 shipped to {LOCATION}; contact {PHONE_NUMBER}.",
	},
	"de": {
		"Bitte kontaktieren Sie {PERSON} unter {EMAIL_ADDRESS} oder telefonisch unter {PHONE_NUMBER}.",
		"Meine neue Handynummer ist {PHONE_NUMBER}.",
		"Lieferadresse: {LOCATION}",
		"Die Rechnung geht an {PERSON}, {LOCATION}.",
		"Bitte überweisen Sie den Betrag auf IBAN {IBAN_CODE}.",
		"Bankverbindung: {IBAN_CODE} (Kontoinhaber: {PERSON})",
		"Geburtsdatum: {DATE_TIME}",
		"{PERSON}, geboren am {DATE_TIME}, wohnt in {LOCATION}.",
		"Zahlung mit Kreditkarte {CREDIT_CARD} fehlgeschlagen.",
		"Anmeldung von {IP_ADDRESS} blockiert.",
		"Weitere Infos unter {URL}.",
		"Das Meeting wurde auf Donnerstag verschoben.",
		"Vielen Dank für Ihre Bestellung, sie wird morgen versandt.",
		"Herr {PERSON} ist unter {PHONE_NUMBER} erreichbar.",
		"Frau {PERSON}, {LOCATION}, Tel. {PHONE_NUMBER}",
		"Kontoinhaber {PERSON}, IBAN {IBAN_CODE}, BIC COBADEFFXXX",
		"Geb. am {DATE_TIME} in Hamburg.",
		"Bitte antworten Sie an {EMAIL_ADDRESS}.",
	},
	"fr": {
		"Merci de contacter {PERSON} à {EMAIL_ADDRESS} ou au {PHONE_NUMBER}.",
		"Mon numéro de portable : {PHONE_NUMBER}",
		"Adresse de livraison : {LOCATION}",
		"Veuillez virer le montant sur l'IBAN {IBAN_CODE}.",
		"Date de naissance : {DATE_TIME}",
		"{PERSON}, né le {DATE_TIME}, habite {LOCATION}.",
		"Paiement refusé pour la carte {CREDIT_CARD}.",
		"Voir {URL} pour plus de détails.",
		"La réunion est reportée à jeudi.",
		"Le client a confirmé la résolution du problème.",
		"M. {PERSON}, {LOCATION}, tél. {PHONE_NUMBER}",
		"Mme {PERSON} a écrit depuis {EMAIL_ADDRESS}.",
		"RIB / IBAN : {IBAN_CODE}",
	},
	"es": {
		"Por favor contacte a {PERSON} en {EMAIL_ADDRESS} o al teléfono {PHONE_NUMBER}.",
		"Mi número de móvil es {PHONE_NUMBER}.",
		"Dirección de envío: {LOCATION}",
		"Transfiera el importe al IBAN {IBAN_CODE}.",
		"Fecha de nacimiento: {DATE_TIME}",
		"DNI/NIE: {ES_NIF}",
		"{PERSON}, con NIF {ES_NIF}, vive en {LOCATION}.",
		"Pago rechazado con la tarjeta {CREDIT_CARD}.",
		"La reunión se ha aplazado al jueves.",
		"Sr. {PERSON}, teléfono {PHONE_NUMBER}, correo {EMAIL_ADDRESS}.",
		"Nacido el {DATE_TIME} en Valencia.",
	},
	"it": {
		"Contattare {PERSON} all'indirizzo {EMAIL_ADDRESS} o al numero {PHONE_NUMBER}.",
		"Codice fiscale: {IT_FISCAL_CODE}",
		"{PERSON}, codice fiscale {IT_FISCAL_CODE}, residente in {LOCATION}.",
		"Bonifico sull'IBAN {IBAN_CODE}.",
		"Data di nascita: {DATE_TIME}",
		"La riunione è stata spostata a giovedì.",
	},
	"nl": {
		"Neem contact op met {PERSON} via {EMAIL_ADDRESS} of bel {PHONE_NUMBER}.",
		"BSN: {NL_BSN}",
		"Burgerservicenummer {NL_BSN} van {PERSON} is geverifieerd.",
		"Graag overmaken naar IBAN {IBAN_CODE}.",
		"Bezorgadres: {LOCATION}",
		"Geboortedatum: {DATE_TIME}",
		"De vergadering is verplaatst naar donderdag.",
	},
	"pt": {
		"Entre em contato com {PERSON} pelo e-mail {EMAIL_ADDRESS} ou telefone {PHONE_NUMBER}.",
		"CPF: {BR_CPF}",
		"O cliente {PERSON}, CPF {BR_CPF}, mora na {LOCATION}.",
		"Data de nascimento: {DATE_TIME}",
		"A reunião foi adiada para quinta-feira.",
	},
	"pl": {
		"Proszę skontaktować się z {PERSON}: {EMAIL_ADDRESS}, tel. {PHONE_NUMBER}.",
		"PESEL: {PL_PESEL}",
		"{PERSON}, nr PESEL {PL_PESEL}, zamieszkały {LOCATION}.",
		"Numer konta IBAN {IBAN_CODE}.",
		"Spotkanie przeniesiono na czwartek.",
	},
	"fi": {
		"Henkilötunnus: {FI_PERSONAL_IDENTITY_CODE}",
		"Asiakkaan {PERSON} henkilötunnus on {FI_PERSONAL_IDENTITY_CODE}.",
		"Soita numeroon {PHONE_NUMBER}.",
		"Tilinumero IBAN {IBAN_CODE}.",
	},
}

var langOrder = []string{"en", "en", "en", "de", "fr", "es", "it", "nl", "pt", "pl", "fi"}

// langCountry is the country whose formats a language's prose uses most; others appear too.
var langCountry = map[string][]string{
	"en": {"US", "US", "GB", "CA", "AU", "IN", ""}, "de": {"DE", "DE", "AT", "CH"}, "fr": {"FR", "FR", "BE", "CH", "CA"},
	"es": {"ES", "ES", "MX", "MX", "AR", "CO"}, "it": {"IT"}, "nl": {"NL", "NL", "BE"}, "pt": {"BR", "BR", "PT"}, "pl": {"PL"}, "fi": {"FI"},
}

func (g *gen) textSample() Sample {
	lang := g.pick(langOrder)
	tpl := g.pick(textTemplates[lang])
	country := g.pick(langCountry[lang])
	var b strings.Builder
	var spans []Span
	for {
		i := strings.IndexByte(tpl, '{')
		if i < 0 {
			b.WriteString(tpl)
			break
		}
		j := strings.IndexByte(tpl[i:], '}') + i
		b.WriteString(tpl[:i])
		// {TYPE} draws from every generator of TYPE, {TYPE#n} from its n-th only.
		typ, idx := tpl[i+1:j], -1
		if k := strings.IndexByte(typ, '#'); k >= 0 {
			idx, _ = strconv.Atoi(typ[k+1:])
			typ = typ[:k]
		}
		p := g.valueFrom(typ, idx, country)
		spans = append(spans, p.spansAt(b.Len())...)
		b.WriteString(p.text)
		tpl = tpl[j+1:]
	}
	return Sample{Text: b.String(), Column: g.pick([]string{"notes", "comment", "message", "body", "description", "remarks"}),
		Kind: "text", Format: "text/" + lang, Lang: lang, Spans: spans}
}
