package corpora

// Hand-written word lists: common given names, surnames, streets and cities per culture. They are
// facts of common knowledge written for this package, not copied from a data set, and they are
// deliberately not the dictionaries classify uses (classify/data comes from @faker-js/faker), so
// PERSON and LOCATION recall is not measured on the detector's own word list.

type culture struct {
	lang     string
	country  string
	given    []string
	surnames []string
}

var cultures = []culture{
	{"en", "US", []string{"James", "Mary", "Robert", "Patricia", "Michael", "Jennifer", "David", "Linda", "Daniel", "Jessica", "Matthew", "Ashley", "Tyler", "Brittany", "Kevin", "Megan", "Brian", "Heather", "Jason", "Amanda"},
		[]string{"Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Thompson", "Harris", "Martin", "Clark", "Lewis", "Walker", "Young", "Allen", "Wright", "Mitchell", "Campbell", "Parker"}},
	{"en", "GB", []string{"Oliver", "Amelia", "Harry", "Isla", "George", "Olivia", "Jack", "Emily", "Charlie", "Poppy", "Alfie", "Sophie", "Thomas", "Chloe", "William", "Grace"},
		[]string{"Smith", "Taylor", "Evans", "Thomas", "Roberts", "Hughes", "Edwards", "Green", "Hall", "Wood", "Hughes", "Turner", "Morris", "Cooper", "Ward", "Bennett"}},
	{"de", "DE", []string{"Lukas", "Anna", "Maximilian", "Lea", "Jonas", "Hannah", "Felix", "Sophie", "Leon", "Marie", "Paul", "Lena", "Jürgen", "Käthe", "Günter", "Jörg", "Ursula", "Wolfgang"},
		[]string{"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann"}},
	{"fr", "FR", []string{"Jean", "Marie", "Pierre", "Camille", "Louis", "Chloé", "Hugo", "Léa", "Lucas", "Manon", "Théo", "Inès", "François", "Hélène", "Gaël", "Anaïs"},
		[]string{"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garnier", "Fournier"}},
	{"es", "ES", []string{"José", "María", "Antonio", "Carmen", "Manuel", "Lucía", "Javier", "Sofía", "Alejandro", "Paula", "Sergio", "Elena", "Álvaro", "Nuria", "Íñigo", "Begoña"},
		[]string{"García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz"}},
	{"it", "IT", []string{"Giuseppe", "Giulia", "Marco", "Francesca", "Alessandro", "Chiara", "Luca", "Sara", "Matteo", "Martina", "Lorenzo", "Alessia", "Niccolò", "Federica"},
		[]string{"Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa"}},
	{"nl", "NL", []string{"Daan", "Emma", "Sem", "Julia", "Lucas", "Tess", "Bram", "Sanne", "Thijs", "Fenna", "Jeroen", "Marloes", "Pieter", "Anouk"},
		[]string{"de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos"}},
	{"pl", "PL", []string{"Piotr", "Anna", "Krzysztof", "Katarzyna", "Tomasz", "Małgorzata", "Łukasz", "Agnieszka", "Paweł", "Magdalena", "Michał", "Joanna"},
		[]string{"Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski"}},
	{"pt", "BR", []string{"João", "Ana", "Gabriel", "Mariana", "Pedro", "Beatriz", "Rafael", "Larissa", "Thiago", "Fernanda", "Luiz", "Juliana", "Caio", "Letícia"},
		[]string{"Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima", "Gomes", "Costa", "Ribeiro", "Carvalho", "Araújo"}},
	{"en", "IN", []string{"Aarav", "Priya", "Vivaan", "Ananya", "Rohan", "Diya", "Arjun", "Kavya", "Rahul", "Sneha", "Vikram", "Pooja", "Sanjay", "Lakshmi"},
		[]string{"Sharma", "Patel", "Singh", "Kumar", "Gupta", "Reddy", "Iyer", "Nair", "Mehta", "Joshi", "Chopra", "Banerjee", "Rao", "Desai"}},
	{"en", "CN", []string{"Wei", "Fang", "Hao", "Jing", "Lei", "Xiaoming", "Yan", "Jun", "Li Na", "Zhiwei", "Mei", "Chen"},
		[]string{"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun"}},
	{"en", "JP", []string{"Haruto", "Yui", "Sota", "Aoi", "Yuto", "Hina", "Kenji", "Yuki", "Takashi", "Sakura", "Hiroshi", "Naoko"},
		[]string{"Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato", "Yoshida", "Yamada"}},
	{"en", "NG", []string{"Chinedu", "Ngozi", "Oluwaseun", "Adaeze", "Emeka", "Funmilayo", "Tunde", "Chiamaka", "Ibrahim", "Aisha"},
		[]string{"Okafor", "Adeyemi", "Nwosu", "Okonkwo", "Balogun", "Eze", "Bello", "Abubakar", "Olawale", "Obi"}},
	{"en", "TR", []string{"Mehmet", "Ayşe", "Mustafa", "Fatma", "Emre", "Zeynep", "Burak", "Elif", "Can", "Merve"},
		[]string{"Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın", "Arslan", "Doğan"}},
	{"en", "SE", []string{"Erik", "Astrid", "Lars", "Ingrid", "Björn", "Sofia", "Anders", "Maja", "Nils", "Elsa"},
		[]string{"Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Lindqvist", "Bergström"}},
	{"en", "KR", []string{"Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun", "Do-yun", "Ji-woo", "Hyun-woo", "Soo-jin"},
		[]string{"Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon"}},
	{"en", "VN", []string{"Minh", "Linh", "Huy", "Trang", "Duc", "Thao", "Quang", "Ngoc"},
		[]string{"Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui"}},
	{"en", "RU", []string{"Dmitry", "Olga", "Sergei", "Natalia", "Alexei", "Ekaterina", "Ivan", "Tatiana"},
		[]string{"Ivanov", "Smirnova", "Kuznetsov", "Popova", "Sokolov", "Volkova", "Morozov", "Novikova"}},
	{"en", "EG", []string{"Mohamed", "Fatima", "Ahmed", "Mariam", "Omar", "Nour", "Youssef", "Layla"},
		[]string{"Hassan", "Ibrahim", "Mahmoud", "Abdelrahman", "El-Sayed", "Mostafa", "Farouk", "Khalil"}},
	{"es", "MX", []string{"Juan Carlos", "Guadalupe", "Luis", "Ximena", "Diego", "Valeria", "Santiago", "Regina"},
		[]string{"Hernández", "García", "Martínez", "López", "Ramírez", "Flores", "Torres", "Vázquez"}},
}

type streetStyle struct {
	country string
	streets []string
	cities  []string // "City" or "POSTCODE City" patterns expanded by pattern()
	format  int      // 0: "123 Street, City"; 1: "Street 12, City"; 2: "12 street, City" (fr)
}

var streetStyles = []streetStyle{
	{"US", []string{"Maple Street", "Oak Avenue", "Elm Street", "Washington Blvd", "Sunset Boulevard", "Main St", "Park Avenue", "Cedar Lane", "Lakeview Drive", "Pine Road", "Highland Ave", "Madison Ave", "Broadway", "Church Street", "Mill Road"},
		[]string{"Springfield, IL 627##", "Austin, TX 787##", "Denver, CO 802##", "Portland, OR 972##", "Columbus, OH 432##", "San Jose, CA 951##", "Brooklyn, NY 112##", "Seattle, WA 981##", "Boston, MA 021##", "Phoenix, AZ 850##"}, 0},
	{"GB", []string{"High Street", "Station Road", "Victoria Road", "Church Lane", "Baker Street", "Queen's Road", "Mill Lane", "Park Road", "Kings Road", "The Crescent"},
		[]string{"London SW1A #@@", "Manchester M# #@@", "Leeds LS# #@@", "Bristol BS# #@@", "Glasgow G# #@@", "Oxford OX# #@@", "Cardiff CF## #@@"}, 0},
	{"DE", []string{"Hauptstraße", "Bahnhofstraße", "Gartenweg", "Schillerstraße", "Goethestraße", "Lindenallee", "Am Markt", "Kirchplatz", "Friedrichstraße", "Mühlenweg", "Berliner Straße"},
		[]string{"10115 Berlin", "80331 München", "50667 Köln", "20095 Hamburg", "60311 Frankfurt am Main", "70173 Stuttgart", "04109 Leipzig", "01067 Dresden"}, 1},
	{"AT", []string{"Mariahilfer Straße", "Hauptplatz", "Landstraße", "Kärntner Straße"}, []string{"1070 Wien", "8010 Graz", "5020 Salzburg", "4020 Linz"}, 1},
	{"CH", []string{"Bahnhofstrasse", "Seestrasse", "Dorfstrasse", "Rue du Rhône"}, []string{"8001 Zürich", "3011 Bern", "4051 Basel", "1204 Genève"}, 1},
	{"FR", []string{"rue de la Paix", "avenue des Champs-Élysées", "boulevard Saint-Germain", "rue Victor Hugo", "place de la République", "rue du Faubourg Saint-Antoine", "allée des Tilleuls", "chemin des Vignes"},
		[]string{"75002 Paris", "69001 Lyon", "13001 Marseille", "31000 Toulouse", "33000 Bordeaux", "59000 Lille", "44000 Nantes"}, 2},
	{"ES", []string{"Calle Mayor", "Calle de Alcalá", "Avenida de la Constitución", "Paseo de Gracia", "Gran Vía", "Calle del Sol", "Plaza de España"},
		[]string{"28013 Madrid", "08007 Barcelona", "41001 Sevilla", "46002 Valencia", "29001 Málaga", "48001 Bilbao"}, 1},
	{"IT", []string{"Via Roma", "Via Garibaldi", "Corso Vittorio Emanuele II", "Via Dante", "Piazza del Duomo", "Via Mazzini", "Viale della Libertà"},
		[]string{"00184 Roma", "20121 Milano", "10121 Torino", "80133 Napoli", "50122 Firenze", "40121 Bologna"}, 1},
	{"NL", []string{"Kerkstraat", "Dorpsstraat", "Prinsengracht", "Stationsweg", "Molenweg", "Herengracht", "Julianalaan"},
		[]string{"1017 GC Amsterdam", "3011 AD Rotterdam", "3511 LX Utrecht", "2511 CV Den Haag", "5611 EM Eindhoven"}, 1},
	{"PL", []string{"ul. Marszałkowska", "ul. Piotrkowska", "ul. Długa", "ul. Mickiewicza", "al. Jerozolimskie"},
		[]string{"00-624 Warszawa", "90-001 Łódź", "80-831 Gdańsk", "31-042 Kraków"}, 1},
	{"BR", []string{"Rua Augusta", "Avenida Paulista", "Rua das Flores", "Rua XV de Novembro", "Avenida Atlântica"},
		[]string{"São Paulo - SP, 01310-100", "Rio de Janeiro - RJ, 22021-001", "Curitiba - PR, 80020-310", "Belo Horizonte - MG, 30130-010"}, 1},
	{"AU", []string{"George Street", "Collins Street", "Queen Street", "Smith Street", "Beach Road"},
		[]string{"Sydney NSW 2000", "Melbourne VIC 3000", "Brisbane QLD 4000", "Perth WA 6000"}, 0},
	{"CA", []string{"Yonge Street", "Rue Sainte-Catherine", "Granville Street", "Bank Street", "Jasper Avenue"},
		[]string{"Toronto, ON M5V 2T6", "Montréal, QC H3B 1A7", "Vancouver, BC V6C 1T2", "Ottawa, ON K1P 5G4"}, 0},
	{"IN", []string{"MG Road", "Linking Road", "Park Street", "Anna Salai", "Brigade Road"},
		[]string{"Bengaluru, Karnataka 5600##", "Mumbai, Maharashtra 4000##", "Kolkata, West Bengal 7000##", "Chennai, Tamil Nadu 6000##"}, 0},
	{"MX", []string{"Avenida Insurgentes Sur", "Calle Madero", "Paseo de la Reforma", "Avenida Juárez"},
		[]string{"Col. Roma Norte, 06700 Ciudad de México, CDMX", "Centro, 44100 Guadalajara, Jal.", "Col. Del Valle, 03100 Ciudad de México, CDMX"}, 1},
}
