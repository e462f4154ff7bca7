/**
 * Static word lists for the benchmark data generator: Danish municipalities and police districts,
 * names, and the phrases that titles and texts are combined from. Small lists combined at random
 * give full-text search a realistic spread: some words are on almost every row, most on a few
 * percent, and the search term (SEARCH_TERM) on a small fraction of agenda items only.
 */

/** The distinctive word the benchmark searches for; it appears nowhere else in the lists below. */
export const SEARCH_TERM = 'tryghedsvandring';

/** Agenda item titles that carry the search term (a small fraction of items get one of these). */
export const SEARCH_TITLES = [
  'Tryghedsvandring i området: planlægning',
  'Erfaringer fra forårets tryghedsvandring',
  'Tryghedsvandring med beboerne og politiet',
  'Opfølgning på tryghedsvandring i aftentimerne',
];
export const SEARCH_SENTENCES = [
  'Punktet tager afsæt i den seneste tryghedsvandring.',
  'Der lægges op til en ny tryghedsvandring inden sommerferien.',
];

/** The 98 municipalities, with the police district each belongs to and a relative size. */
export interface Municipality {
  name: string;
  /** "Københavns Kommune", "Aarhus Kommune" … */
  kommune: string;
  district: string;
  /** Partnerships in the national data set. */
  partnerships: number;
  domain: string;
}

const D = {
  kbh: 'Københavns Politi',
  vestegn: 'Københavns Vestegns Politi',
  nsj: 'Nordsjællands Politi',
  mvsj: 'Midt- og Vestsjællands Politi',
  ssj: 'Sydsjællands og Lolland-Falsters Politi',
  bh: 'Bornholms Politi',
  fyn: 'Fyns Politi',
  sjyl: 'Syd- og Sønderjyllands Politi',
  soejyl: 'Sydøstjyllands Politi',
  oejyl: 'Østjyllands Politi',
  mvjyl: 'Midt- og Vestjyllands Politi',
  njyl: 'Nordjyllands Politi',
};

/** [name, district, partnerships]; partnerships sum to 294 (98 × 3). */
const MUNICIPALITY_ROWS: [string, string, number][] = [
  ['København', D.kbh, 24], ['Aarhus', D.oejyl, 12], ['Odense', D.fyn, 8], ['Aalborg', D.njyl, 8],
  ['Esbjerg', D.sjyl, 5], ['Vejle', D.soejyl, 5], ['Frederiksberg', D.kbh, 5], ['Randers', D.oejyl, 4],
  ['Kolding', D.soejyl, 4], ['Horsens', D.soejyl, 4], ['Silkeborg', D.mvjyl, 4], ['Herning', D.mvjyl, 4],
  ['Roskilde', D.mvsj, 4], ['Næstved', D.ssj, 4], ['Gentofte', D.nsj, 4], ['Gladsaxe', D.nsj, 4],
  ['Helsingør', D.nsj, 4], ['Høje-Taastrup', D.vestegn, 4], ['Hvidovre', D.vestegn, 4], ['Slagelse', D.mvsj, 4],
  ['Holbæk', D.mvsj, 4], ['Sønderborg', D.sjyl, 4], ['Viborg', D.mvjyl, 4], ['Køge', D.ssj, 4],
  ['Albertslund', D.vestegn, 3], ['Ballerup', D.vestegn, 3], ['Brøndby', D.vestegn, 3], ['Dragør', D.kbh, 2],
  ['Glostrup', D.vestegn, 2], ['Herlev', D.vestegn, 2], ['Ishøj', D.vestegn, 3], ['Lyngby-Taarbæk', D.nsj, 2],
  ['Rødovre', D.vestegn, 3], ['Tårnby', D.kbh, 2], ['Vallensbæk', D.vestegn, 2], ['Allerød', D.nsj, 2],
  ['Egedal', D.nsj, 2], ['Fredensborg', D.nsj, 3], ['Frederikssund', D.nsj, 2], ['Furesø', D.nsj, 2],
  ['Gribskov', D.nsj, 2], ['Halsnæs', D.nsj, 2], ['Hillerød', D.nsj, 3], ['Hørsholm', D.nsj, 2],
  ['Rudersdal', D.nsj, 2], ['Bornholm', D.bh, 2], ['Faxe', D.ssj, 2], ['Greve', D.mvsj, 3],
  ['Guldborgsund', D.ssj, 3], ['Kalundborg', D.mvsj, 2], ['Lejre', D.mvsj, 2], ['Lolland', D.ssj, 3],
  ['Odsherred', D.mvsj, 2], ['Ringsted', D.mvsj, 2], ['Solrød', D.mvsj, 2], ['Sorø', D.mvsj, 2],
  ['Stevns', D.ssj, 2], ['Vordingborg', D.ssj, 2], ['Assens', D.fyn, 2], ['Billund', D.soejyl, 2],
  ['Fanø', D.sjyl, 1], ['Fredericia', D.soejyl, 3], ['Faaborg-Midtfyn', D.fyn, 2], ['Haderslev', D.sjyl, 3],
  ['Kerteminde', D.fyn, 2], ['Langeland', D.fyn, 1], ['Middelfart', D.fyn, 2], ['Nordfyns', D.fyn, 2],
  ['Nyborg', D.fyn, 2], ['Svendborg', D.fyn, 3], ['Tønder', D.sjyl, 2], ['Varde', D.sjyl, 2],
  ['Vejen', D.sjyl, 2], ['Ærø', D.fyn, 1], ['Aabenraa', D.sjyl, 3], ['Favrskov', D.oejyl, 2],
  ['Hedensted', D.soejyl, 2], ['Holstebro', D.mvjyl, 3], ['Ikast-Brande', D.mvjyl, 2], ['Lemvig', D.mvjyl, 1],
  ['Norddjurs', D.oejyl, 2], ['Odder', D.oejyl, 2], ['Ringkøbing-Skjern', D.mvjyl, 2], ['Samsø', D.oejyl, 1],
  ['Skanderborg', D.oejyl, 2], ['Skive', D.mvjyl, 2], ['Struer', D.mvjyl, 2], ['Syddjurs', D.oejyl, 2],
  ['Brønderslev', D.njyl, 2], ['Frederikshavn', D.njyl, 3], ['Hjørring', D.njyl, 3], ['Jammerbugt', D.njyl, 2],
  ['Læsø', D.njyl, 1], ['Mariagerfjord', D.njyl, 2], ['Morsø', D.njyl, 2], ['Rebild', D.njyl, 2],
  ['Thisted', D.njyl, 2], ['Vesthimmerland', D.njyl, 2],
];

function kommuneName(name: string): string {
  if (name === 'København') return 'Københavns Kommune';
  if (name === 'Bornholm') return 'Bornholms Regionskommune';
  if (name === 'Nordfyns') return 'Nordfyns Kommune';
  return `${name} Kommune`;
}

function asciiSlug(s: string): string {
  return s
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/é/g, 'e')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export const slug = asciiSlug;

export const MUNICIPALITIES: Municipality[] = MUNICIPALITY_ROWS.map(([name, district, partnerships]) => ({
  name,
  kommune: kommuneName(name),
  district,
  partnerships,
  domain: name === 'København' ? 'kk.dk' : `${asciiSlug(name)}.dk`,
}));

/** Real area names for the biggest municipalities; others get generated names. */
export const KNOWN_AREAS: Record<string, string[]> = {
  København: [
    'Tingbjerg-Husum', 'Mjølnerparken', 'Aldersrogade', 'Bispebjerg', 'Nordvest', 'Indre Nørrebro', 'Sydhavnen',
    'Urbanplanen', 'Valby Syd', 'Vanløse', 'Brønshøj', 'Sundholm', 'Christianshavn', 'Kongens Enghave',
    'Folehaven', 'Bellahøj', 'Lundtoftegade', 'Hørgården', 'Husum Nord', 'Utterslev', 'Ørestad', 'Amager Øst',
    'Akacieparken', 'Degnegården',
  ],
  Aarhus: [
    'Gellerup-Toveshøj', 'Bispehaven', 'Trigeparken', 'Herredsvang', 'Skovgårdsparken', 'Frydenlund', 'Hasle',
    'Viby Syd', 'Søndervang', 'Langkærparken', 'Rosenhøj', 'Ryparken',
  ],
  Odense: ['Vollsmose', 'Korsløkken', 'Solbakken', 'Skt. Klemens', 'Bolbro', 'Ejerslykke', 'Højstrup', 'Tarup'],
  Aalborg: ['Aalborg Øst', 'Løvvangen', 'Fremtidsvej', 'Vestbyen', 'Nørresundby', 'Kildeparken', 'Hasseris', 'Vejgaard'],
};

export const AREA_PREFIXES = ['Nørre', 'Sønder', 'Vester', 'Øster', 'Gammel', 'Ny', 'Store', 'Lille', 'Nord', 'Syd', 'Høje', 'Midt', 'Skov', 'Strand', 'Kirke', 'Enghave'];
export const AREA_STEMS = ['bro', 'gård', 'parken', 'vang', 'lund', 'høj', 'bjerg', 'holm', 'toften', 'haven', 'marken', 'sted', 'bakken', 'engen', 'dal', 'vænget'];

/** Large housing organisations; local housing associations are administered by one of them. */
export const HOUSING_ADMINS = [
  { name: 'KAB', short: 'KAB', domain: 'kab-bolig.dk' },
  { name: 'DAB', short: 'DAB', domain: 'dab.dk' },
  { name: 'Domea.dk', short: 'Domea', domain: 'domea.dk' },
  { name: 'Boligkontoret Danmark', short: 'BoDK', domain: 'bo-dk.dk' },
  { name: 'Lejerbo', short: 'Lejerbo', domain: 'lejerbo.dk' },
  { name: 'AAB', short: 'AAB', domain: 'aab.dk' },
  { name: 'fsb', short: 'fsb', domain: 'fsb.dk' },
  { name: 'Bo-Vest', short: 'Bo-Vest', domain: 'bo-vest.dk' },
  { name: 'Civica', short: 'Civica', domain: 'civica.dk' },
  { name: 'Boligselskabet Sjælland', short: 'BS Sjælland', domain: 'bosj.dk' },
  { name: 'Østjysk Bolig', short: 'ØB', domain: 'ostjyskbolig.dk' },
  { name: 'Himmerland Boligforening', short: 'HB', domain: 'himmerland.dk' },
];

/** Regions of Kriminalforsorgen, by police district. */
export const KRIMFORS_REGION: Record<string, string> = {
  [D.kbh]: 'Hovedstaden', [D.vestegn]: 'Hovedstaden', [D.nsj]: 'Hovedstaden', [D.bh]: 'Hovedstaden',
  [D.mvsj]: 'Sjælland og Lolland-Falster', [D.ssj]: 'Sjælland og Lolland-Falster',
  [D.fyn]: 'Syddanmark', [D.sjyl]: 'Syddanmark', [D.soejyl]: 'Syddanmark',
  [D.oejyl]: 'Midt- og Nordjylland', [D.mvjyl]: 'Midt- og Nordjylland', [D.njyl]: 'Midt- og Nordjylland',
};

/** Municipal departments (forvaltninger): key, name, short name, topics, staff titles. */
export const DEPARTMENTS: { key: string; name: string; short: string; topics: string[]; titles: string[] }[] = [
  { key: 'sof', name: 'Socialforvaltningen', short: 'SOF', topics: ['udsatte børn og unge', 'familiebehandling', 'misbrug', 'kriminalitetsforebyggelse'], titles: ['Områdechef', 'Chefkonsulent', 'Specialkonsulent', 'Socialrådgiver'] },
  { key: 'buf', name: 'Børne- og Ungdomsforvaltningen', short: 'BUF', topics: ['skole', 'dagtilbud', 'fritid', 'trivsel'], titles: ['Områdechef', 'Specialkonsulent', 'Fuldmægtig', 'Pædagogisk konsulent'] },
  { key: 'bif', name: 'Beskæftigelses- og Integrationsforvaltningen', short: 'BIF', topics: ['beskæftigelse', 'integration', 'uddannelse'], titles: ['Kontorchef', 'Specialkonsulent', 'Jobkonsulent'] },
  { key: 'kff', name: 'Kultur- og Fritidsforvaltningen', short: 'KFF', topics: ['fritid', 'kultur', 'idræt', 'foreningsliv'], titles: ['Kontorchef', 'Fritidskonsulent', 'Foreningskonsulent'] },
  { key: 'tmf', name: 'Teknik- og Miljøforvaltningen', short: 'TMF', topics: ['byrum', 'belysning', 'renhold', 'trafik'], titles: ['Kontorchef', 'Projektleder', 'Trafikplanlægger'] },
  { key: 'suf', name: 'Sundheds- og Omsorgsforvaltningen', short: 'SUF', topics: ['sundhed', 'forebyggelse', 'misbrug', 'psykisk sundhed'], titles: ['Kontorchef', 'Sundhedskonsulent', 'Sygeplejerske'] },
];

/** Units shared by all partnerships of a municipality: [department key, name (with {m} = municipality), topics]. */
export const SHARED_UNITS: [string, string, string[]][] = [
  ['sof', 'Ungeindsatsen {m}', ['unge', 'kriminalitetsforebyggelse', 'mentorer']],
  ['sof', 'Gadeplansteamet {m}', ['gadeplan', 'unge', 'konfliktmægling']],
  ['sof', 'Center for Udsatte Voksne {m}', ['hjemløshed', 'misbrug', 'psykiatri']],
  ['buf', 'PPR {m}', ['trivsel', 'psykologi', 'skolefravær']],
  ['buf', 'Ungdomsskolen {m}', ['fritid', 'unge', 'undervisning']],
  ['bif', 'Jobcenter {m}', ['beskæftigelse', 'job', 'uddannelse']],
  ['bif', 'Ungeguiden {m}', ['uddannelse', 'vejledning', 'unge']],
  ['kff', 'Idræt og Fritid {m}', ['idræt', 'foreningsliv']],
  ['kff', 'Hovedbiblioteket {m}', ['kultur', 'lektiehjælp']],
  ['tmf', 'Byens Drift {m}', ['renhold', 'belysning', 'byrum']],
  ['tmf', 'Parkering og Trafik {m}', ['trafik', 'parkering']],
  ['suf', 'Misbrugscenteret {m}', ['misbrug', 'behandling']],
  ['suf', 'Sundhedsplejen {m}', ['sundhed', 'familier']],
  ['sof', 'Familiehuset {m}', ['familier', 'forældrestøtte']],
  ['buf', 'Klubberne i {m}', ['fritid', 'klub', 'unge']],
  ['sof', 'Exit-indsatsen {m}', ['bander', 'exit', 'kriminalitetsforebyggelse']],
  ['bif', 'Integrationsteamet {m}', ['integration', 'sprog']],
  ['kff', 'Kulturhusene {m}', ['kultur', 'fællesskab']],
];

/** Municipal units local to one partnership's area: [department key, kind, name (with {a} = area)]. */
export const LOCAL_UNITS: [string, 'municipal_unit' | 'school', string][] = [
  ['sof', 'municipal_unit', 'Børne- og Familiecenter {a}'],
  ['buf', 'municipal_unit', 'Fritids- og ungdomsklubben {a}'],
  ['buf', 'school', '{a} Skole'],
  ['kff', 'municipal_unit', 'Bibliotek og Kulturhus {a}'],
  ['suf', 'municipal_unit', 'Sundhedshuset {a}'],
  ['bif', 'municipal_unit', 'Jobcentret, afdeling {a}'],
  ['tmf', 'municipal_unit', 'Områdefornyelsen {a}'],
  ['sof', 'municipal_unit', 'Gadeteamet {a}'],
  ['buf', 'school', 'Skolen ved {a}'],
  ['buf', 'municipal_unit', 'Dagtilbud {a}'],
  ['buf', 'municipal_unit', 'Ungdomsskolen, afdeling {a}'],
];

export const ASSOCIATIONS = [
  'Boldklubben {a}', '{a} Beboerforening', 'Lektiecaféen {a}', 'Mødrenetværket {a}', 'Kvindeforeningen i {a}',
  'Ungdomsforeningen {a}', 'Bokseklubben {a}', 'Spejderne i {a}', 'Kulturforeningen {a}', '{a} Idrætsforening',
  'Fædregruppen i {a}', 'Foreningen Fritidsjob {a}', 'Kirkens Korshær {a}', 'Café Fællesskab {a}', 'Skaterklubben {a}',
  'Gymnastikforeningen {a}', 'Seniorklubben {a}', 'Haveforeningen {a}', 'Forældreforeningen ved {a} Skole', 'Musikhuset {a}',
  'Foreningen Unge for Unge {a}', 'Svømmeklubben {a}', 'Taekwondo {a}', 'Dansk-Somalisk Forening {a}', 'Foreningen Bydelsmødre {a}',
  'Nabohjælp {a}', 'Computerklubben {a}', 'Madklubben {a}', 'Frivilligcentret {a}', 'Cykelværkstedet {a}',
];

/** National associations with local chapters (a chapter is a child of the national organisation). */
export const NATIONAL_ASSOCIATIONS = [
  { name: 'Natteravnene', chapter: 'Natteravnene {a}', domain: 'natteravnene.dk' },
  { name: 'Red Barnet', chapter: 'Red Barnet {a}', domain: 'redbarnet.dk' },
  { name: 'Ungdommens Røde Kors', chapter: 'Ungdommens Røde Kors {a}', domain: 'urk.dk' },
];

export const BUSINESSES = [
  'Netto {a}', 'Rema 1000 {a}', '{a} Centret', 'Securitas, region {m}', 'Pizzeria {a}', '{a} Apotek', 'Føtex {a}',
  'Circle K {a}', 'Nordvagt Sikring', 'Kiosken på {a} Torv', 'Frisørsalonen {a}', 'Bageriet {a}', 'Byggefirmaet {m} Entreprise',
];

export const OTHERS = ['{a} Kirke', 'Moskeforeningen {a}', 'Ungdomsuddannelsen {m} Gymnasium', 'Boligsocial helhedsplan {a}'];

export const HOUSING_ASSOCIATIONS = ['Boligselskabet {a}', 'Boligforeningen {a}', 'Andelsboligforeningen {a}', 'Arbejdernes Boligforening {m}'];
export const HOUSING_BLOCKS = ['Afdeling {a} {n}', 'Gården {a} {n}', 'Parken ved {a}, afd. {n}', 'Blok {n}, {a}', '{a} Syd', '{a} Nord', 'Rækkehusene {a}'];

export const FIRST_NAMES = [
  'Anne', 'Mette', 'Kirsten', 'Hanne', 'Helle', 'Susanne', 'Lene', 'Marianne', 'Camilla', 'Louise', 'Charlotte', 'Maria',
  'Pia', 'Tina', 'Line', 'Julie', 'Sara', 'Ida', 'Emma', 'Sofie', 'Fatima', 'Amina', 'Leyla', 'Aisha', 'Zeynep', 'Nadia',
  'Mads', 'Peter', 'Jens', 'Lars', 'Michael', 'Henrik', 'Thomas', 'Søren', 'Niels', 'Jesper', 'Rasmus', 'Martin', 'Anders',
  'Christian', 'Morten', 'Jakob', 'Mikkel', 'Kasper', 'Frederik', 'Ahmad', 'Mohammed', 'Ali', 'Hassan', 'Omar', 'Yusuf',
  'Emre', 'Bilal', 'Karim', 'Tariq', 'Birgitte', 'Dorthe', 'Gitte', 'Karina', 'Trine', 'Rikke', 'Signe', 'Bo', 'Ole',
  'Kim', 'Allan', 'Brian', 'Claus', 'Dennis', 'Erik', 'Finn', 'Hans', 'Ib', 'Johnny', 'Kenneth', 'Poul', 'Steen', 'Torben',
];
export const MIDDLE_NAMES = ['Holm', 'Lund', 'Bach', 'Skov', 'Dahl', 'Krogh', 'Friis', 'Vestergaard', 'Østergaard', 'Bjerre', 'Juul', 'Kjær', 'Brandt', 'Bang'];
export const LAST_NAMES = [
  'Nielsen', 'Jensen', 'Hansen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen', 'Rasmussen', 'Jørgensen',
  'Petersen', 'Madsen', 'Kristensen', 'Olsen', 'Thomsen', 'Christiansen', 'Poulsen', 'Johansen', 'Møller', 'Mortensen',
  'Knudsen', 'Jakobsen', 'Mikkelsen', 'Olesen', 'Frederiksen', 'Laursen', 'Henriksen', 'Lund', 'Schmidt', 'Eriksen',
  'Holm', 'Kristiansen', 'Clausen', 'Simonsen', 'Svendsen', 'Andreasen', 'Iversen', 'Jeppesen', 'Mogensen', 'Jacobsen',
  'Ahmed', 'Hussein', 'Yilmaz', 'Khan', 'Ali', 'Abdi', 'Öztürk', 'Haddad', 'Nguyen', 'Kowalski',
];

/** Staff titles by organisation kind (the first is the head, the organisation's contact). */
export const TITLES: Record<string, string[]> = {
  municipal_department: ['Direktør', 'Områdechef', 'Chefkonsulent', 'Specialkonsulent', 'Fuldmægtig'],
  municipal_unit: ['Leder', 'Afdelingsleder', 'Socialrådgiver', 'Konsulent', 'Pædagog', 'Medarbejder'],
  police: ['Politiinspektør', 'Politikommissær', 'Vicepolitikommissær', 'Områdebetjent', 'Forebyggelsesbetjent'],
  ssp: ['SSP-leder', 'SSP-konsulent', 'SSP-medarbejder'],
  housing_association: ['Direktør', 'Boligsocial chef', 'Driftsleder', 'Ejendomsmester', 'Boligsocial medarbejder'],
  school: ['Skoleleder', 'Viceskoleleder', 'AKT-lærer', 'Lærer', 'Skolesocialrådgiver'],
  association: ['Formand', 'Næstformand', 'Kasserer', 'Frivilligkoordinator'],
  business: ['Butikschef', 'Indehaver', 'Sikkerhedschef'],
  other: ['Leder', 'Koordinator', 'Medarbejder'],
};

export const MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];

/** Topics (noun phrases) agenda items, decisions and action items are about. */
export const TOPICS = [
  'utryghed i opgangene', 'unge i gruppedannelser ved torvet', 'hærværk på skolen', 'indbrud i kælderrum', 'nattevandringer',
  'lektiecaféen', 'fritidsjob til unge', 'knallertkørsel på stierne', 'hashsalg ved stationen', 'belysning på stisystemet',
  'graffiti og tags', 'storskrald i gårdene', 'helhedsplanens aktiviteter', 'forældrenetværket', 'bekymringssamtaler med forældre',
  'mentorforløb for unge', 'skolefravær i udskolingen', 'sommerferieaktiviteter', 'nytårsaften', 'fyrværkeri og uro',
  'containerbrande', 'trafiksikkerhed ved skolen', 'tryghedsmålingen', 'kameraovervågning', 'udsatte familier',
  'misbrugsbehandling for unge', 'psykisk sårbare beboere', 'banderelateret kriminalitet', 'rekruttering af unge til bander', 'exitforløb',
  'forebyggelse af radikalisering', 'gadeplansarbejdet', 'fritidsvejledning', 'foreningslivet', 'klubtilbuddet',
  'beboerdemokratiet', 'naboskab og fællesskab', 'opgangsforeninger', 'tomme butikslokaler', 'renoveringen af boligblokkene',
  'genhusning under renoveringen', 'udlejningsaftalen', 'kombineret udlejning', 'parkeringsforholdene', 'hastighedsdæmpning',
  'sikker skolevej', 'pigegrupper', 'sprogstimulering', 'dagtilbuddene', 'ungdomsuddannelse',
  'jobmessen', 'praktikpladser', 'sundhedstjek', 'ensomhed blandt ældre', 'vold i nattelivet',
  'chikane i opgangene', 'konflikter på sociale medier', 'knivforbud', 'visitationszonen', 'kommunikation til beboerne',
  'budgettet for næste år', 'årsrapporten', 'evalueringen af indsatsen', 'samarbejdsaftalen', 'kompetenceudvikling',
  'frivilligkoordineringen', 'idrætsnatten', 'kulturugen', 'fællesspisning', 'loppemarkedet',
  'affaldssortering', 'rotter i gårdene', 'legepladsen', 'boldbanen', 'ungdomsklubbens åbningstider',
  'underretninger', 'netværksmøder med skolerne', 'politiets tilstedeværelse', 'anmeldelser af vold', 'tyverier fra biler',
];

/** Who reports: used in agenda titles and descriptions ("Nyt fra …"). */
export const ACTORS = [
  'politiet', 'SSP', 'skolerne', 'boligselskaberne', 'helhedsplanen', 'jobcentret', 'klubberne', 'gadeplansteamet',
  'familiecentret', 'sekretariatet', 'foreningerne', 'biblioteket', 'beboerrådgiveren', 'driften', 'ungdomsskolen',
];

export const INFO_TITLES = ['Orientering om {t}', 'Status på {t}', 'Nyt fra {actor}', 'Kort nyt om {t}', '{T}: status fra {actor}'];
export const DISCUSSION_TITLES = ['Drøftelse af {t}', '{T}: erfaringer og næste skridt', 'Udfordringer med {t}', 'Fælles indsats mod {t}', '{T} – hvad gør vi?'];
export const DECISION_TITLES = ['Beslutning om {t}', 'Godkendelse af handleplan for {t}', 'Finansiering af {t}', 'Forlængelse af indsatsen: {t}', 'Prioritering af {t}'];
export const FOLLOWUP_TITLES = ['Opfølgning på {t}', 'Opfølgning: {t}', 'Status på aftaler om {t}'];

export const DESCRIPTION_SENTENCES = [
  'Punktet er sat på efter ønske fra {actor}.', 'Der lægges op til en drøftelse af mulige tiltag.', 'Bilag følger.',
  'Se vedlagte notat.', '{Actor} giver en kort status.', 'Forummet bedes tage stilling til det videre forløb.',
  'Sagen har været drøftet i arbejdsgruppen.', 'Der er kommet nye henvendelser fra beboerne.', 'Punktet blev udsat fra sidste møde.',
  'Erfaringerne fra sidste år inddrages.', 'Der er behov for en koordineret indsats.', 'Økonomien gennemgås kort.',
  'Oplæg ved {actor}.', 'Der er tale om en opfølgning på tidligere aftaler.', 'Sagen haster.',
];

export const OUTCOME_NOTES = [
  'Forummet tog orienteringen til efterretning.', 'Der var enighed om at fortsætte indsatsen.', 'Punktet genoptages på et senere møde.',
  'Der blev aftalt konkrete opfølgningspunkter.', 'Forummet drøftede sagen og bakkede op om forslaget.', 'Ingen bemærkninger.',
  '{Actor} følger op og giver status på næste møde.', 'Der var bred opbakning, men økonomien skal afklares.',
  'Drøftelsen viste behov for bedre koordinering.', 'Forslaget blev godkendt med mindre ændringer.',
];

export const DECISION_VERBS = [
  'igangsætte en indsats mod', 'styrke indsatsen vedrørende', 'afsætte midler til', 'nedsætte en arbejdsgruppe om',
  'bede {actor} om at følge op på', 'evaluere', 'udvide', 'afslutte projektet om', 'prioritere', 'forlænge aftalen om',
];
export const DECISION_TAILS = [
  'Indsatsen evalueres efter seks måneder.', 'Der gives status på næste møde.', 'Udgiften afholdes inden for den eksisterende ramme.',
  'Sekretariatet koordinerer.', 'Beslutningen meddeles alle parter.', 'Ansvaret placeres hos de nævnte organisationer.', '',
];

export const ACTION_VERBS = [
  'Udarbejde notat om', 'Indkalde til møde om', 'Kontakte boligselskabet om', 'Sende status på', 'Undersøge mulighederne for',
  'Lave aftale med politiet om', 'Udsende invitation vedrørende', 'Følge op på', 'Samle erfaringer med', 'Beskrive forslag til',
  'Informere beboerne om', 'Afholde dialogmøde om', 'Udarbejde tidsplan for', 'Indhente tilbud på', 'Koordinere med SSP om',
];
export const ACTION_SENTENCES = [
  'Status gives på næste møde.', 'Koordineres med sekretariatet.', 'Ansvarlig orienterer forummet pr. mail.',
  'Inddrag relevante samarbejdspartnere.', 'Frist aftalt på mødet.', 'Se referatet for detaljer.', '',
];

export const MINUTES_NOTES = [
  'Referatet blev godkendt uden bemærkninger.', 'Mødet forløb efter dagsordenen.', 'Et enkelt punkt blev udsat til næste møde.',
  'God drøftelse med bred deltagelse.', 'Flere afbud; beslutninger bekræftes pr. mail.',
];
export const CANCELLATION_REASONS = ['For få tilmeldte', 'Sammenfald med akut møde', 'Ingen punkter til dagsordenen', 'Sygdom hos formanden', 'Flyttet pga. helligdag'];
export const BLOCKED_COMMENTS = ['Afventer svar fra forvaltningen', 'Afventer finansiering', 'Afhænger af politiets vurdering', 'Afventer boligselskabets bestyrelse'];
export const CANCEL_COMMENTS = ['Ikke længere relevant', 'Dækket af en anden indsats', 'Opgaven er overgået til et andet forum', 'Droppet efter aftale på mødet'];
export const DONE_COMMENTS = ['Udført', 'Gennemført som aftalt', 'Afsluttet; status givet på mødet', ''];
export const MOVE_COMMENTS = ['Fristen flyttet efter aftale', 'Udskudt pga. ferie', 'Afventer andet forum'];
export const KLE_NUMBERS = ['27.24.00', '27.12.00', '27.21.00', '28.00.00', '15.00.00', '17.00.00', '02.00.00', '29.09.00', '03.00.00', '13.00.00'];
export const LEGAL_BASIS = 'retsplejeloven § 115';
