/**
 * Static content of the demo partnership "Tryghedspartnerskabet Tingbjerg-Husum": organisations and
 * their staff positions, name lists, forums with their seats, and agenda templates. The loader in
 * demo.ts turns this into records through the services, with a seeded PRNG for every choice.
 *
 * Fictional people; organisations modelled on the real partnership mapped by CFBU in 2018.
 * Nothing here identifies a resident.
 */
import { AgendaItemKind } from '../agenda/agenda-item.entity';
import { ForumLevel, ForumRole } from '../forum/forum.entity';
import { OrganisationKind } from '../organisation/organisation.entity';
import { PartnershipRole } from '../partnership/partnership.entity';

const K = OrganisationKind;

/** A staff position: a title, optionally with a second, concurrent affiliation elsewhere. */
export type Position = string | { title: string; alsoAt: string; alsoRole: string };

export interface OrgSpec {
  key: string;
  name: string;
  shortName?: string;
  kind: OrganisationKind;
  parent?: string;
  topics: string[];
  /** E-mail domain; the organisation's own address is `mailbox@domain`. */
  domain?: string;
  mailbox?: string;
  phone?: string;
  /** Staff positions; the first is the organisation's contact person and never changes hands. */
  staff: Position[];
  partnershipRole: PartnershipRole;
  /** Joined the partnership this many days before "now" (default: a founding member). */
  joinedDaysAgo?: number;
  /** Left the partnership this many days before "now". */
  leftDaysAgo?: number;
}

const rep = (title: string, n: number): string[] => Array.from({ length: n }, () => title);

const KK = 'kk.dk';
const P = PartnershipRole;

/** 60 organisations; parents come before their children. */
export const ORGANISATIONS: OrgSpec[] = [
  // Københavns Kommune: the seven departments (forvaltninger).
  { key: 'sof', name: 'Københavns Kommune – Socialforvaltningen', shortName: 'SOF', kind: K.MUNICIPAL_DEPARTMENT, topics: ['udsatte børn og unge', 'familiebehandling', 'misbrug', 'kriminalitetsforebyggelse'], domain: KK, mailbox: 'sof', phone: '+45 33 17 33 17', staff: ['Områdechef', 'Chefkonsulent', 'Specialkonsulent'], partnershipRole: P.LEAD },
  { key: 'buf', name: 'Københavns Kommune – Børne- og Ungdomsforvaltningen', shortName: 'BUF', kind: K.MUNICIPAL_DEPARTMENT, topics: ['skole', 'dagtilbud', 'fritid', 'trivsel'], domain: KK, mailbox: 'buf', phone: '+45 33 66 33 66', staff: ['Områdechef', 'Specialkonsulent', 'Fuldmægtig'], partnershipRole: P.PARTNER },
  { key: 'bif', name: 'Københavns Kommune – Beskæftigelses- og Integrationsforvaltningen', shortName: 'BIF', kind: K.MUNICIPAL_DEPARTMENT, topics: ['beskæftigelse', 'integration', 'uddannelse'], domain: KK, mailbox: 'bif', phone: '+45 33 17 30 00', staff: ['Kontorchef', 'Specialkonsulent', 'Fuldmægtig'], partnershipRole: P.PARTNER },
  { key: 'kff', name: 'Københavns Kommune – Kultur- og Fritidsforvaltningen', shortName: 'KFF', kind: K.MUNICIPAL_DEPARTMENT, topics: ['fritid', 'kultur', 'idræt', 'foreningsliv'], domain: KK, mailbox: 'kff', phone: '+45 33 66 35 00', staff: ['Kontorchef', 'Fritidskonsulent', 'Foreningskonsulent'], partnershipRole: P.PARTNER },
  { key: 'tmf', name: 'Københavns Kommune – Teknik- og Miljøforvaltningen', shortName: 'TMF', kind: K.MUNICIPAL_DEPARTMENT, topics: ['byrum', 'belysning', 'renhold', 'trafik'], domain: KK, mailbox: 'tmf', phone: '+45 33 66 33 00', staff: ['Kontorchef', 'Projektleder', 'Trafikplanlægger'], partnershipRole: P.PARTNER },
  { key: 'suf', name: 'Københavns Kommune – Sundheds- og Omsorgsforvaltningen', shortName: 'SUF', kind: K.MUNICIPAL_DEPARTMENT, topics: ['sundhed', 'forebyggelse', 'misbrug', 'psykisk sundhed'], domain: KK, mailbox: 'suf', phone: '+45 33 17 34 00', staff: ['Kontorchef', 'Sundhedskonsulent'], partnershipRole: P.PARTNER },
  { key: 'okf', name: 'Københavns Kommune – Økonomiforvaltningen', shortName: 'ØKF', kind: K.MUNICIPAL_DEPARTMENT, topics: ['byudvikling', 'tryghed', 'boligsocial indsats', 'analyse'], domain: KK, mailbox: 'okf', phone: '+45 33 66 25 00', staff: ['Kontorchef', 'Chefkonsulent', 'Analytiker'], partnershipRole: P.PARTNER },

  // Socialforvaltningen's units.
  { key: 'sek', name: 'Sekretariatet for Tryghedspartnerskabet Tingbjerg-Husum', shortName: 'Tryghedssekretariatet', kind: K.MUNICIPAL_UNIT, parent: 'sof', topics: ['tryghed', 'koordination', 'kriminalitetsforebyggelse', 'netværk'], domain: KK, mailbox: 'tryghed-tingbjerg', phone: '+45 21 15 40 80', staff: ['Tryghedskoordinator', 'Projektmedarbejder', 'Kommunikationsmedarbejder', 'Studentermedhjælper'], partnershipRole: P.LEAD },
  { key: 'bbu', name: 'Borgercenter Børn og Unge', shortName: 'BBU', kind: K.MUNICIPAL_UNIT, parent: 'sof', topics: ['udsatte børn og unge', 'familiebehandling', 'underretninger'], domain: KK, mailbox: 'bbu', staff: ['Centerchef', 'Chefkonsulent', 'Specialkonsulent'], partnershipRole: P.PARTNER },
  { key: 'fc', name: 'Børne- og Familiecenter Brønshøj-Husum-Vanløse', shortName: 'BFC BHV', kind: K.MUNICIPAL_UNIT, parent: 'bbu', topics: ['underretninger', 'familiebehandling', 'ungdomskriminalitet', 'udsatte børn og unge'], domain: KK, mailbox: 'bfc-bhv', phone: '+45 33 17 60 60', staff: ['Leder', 'Afdelingsleder', ...rep('Socialrådgiver', 6), 'Familiebehandler', 'Familiebehandler', { title: 'Ungerådgiver', alsoAt: 'ssppl', alsoRole: 'Socialrådgiver i SSP+' }], partnershipRole: P.PARTNER },
  { key: 'gade', name: 'Gadeplansteamet Nordvest', shortName: 'Gadeplan NV', kind: K.MUNICIPAL_UNIT, parent: 'bbu', topics: ['gadeplan', 'unge', 'tryghed', 'konfliktmægling'], domain: KK, mailbox: 'gadeplan-nv', phone: '+45 24 97 12 30', staff: ['Teamleder', { title: 'Gadeplansmedarbejder', alsoAt: 'sspbht', alsoRole: 'Gadeplansmedarbejder i SSP-netværket' }, ...rep('Gadeplansmedarbejder', 6)], partnershipRole: P.PARTNER },
  { key: 'uturn', name: 'U-turn – rusmiddelrådgivning for unge', shortName: 'U-turn', kind: K.MUNICIPAL_UNIT, parent: 'bbu', topics: ['misbrug', 'rusmidler', 'unge'], domain: KK, mailbox: 'u-turn', phone: '+45 33 17 65 00', staff: ['Leder', 'Rusmiddelkonsulent', 'Rusmiddelkonsulent', 'Familierådgiver'], partnershipRole: P.PARTNER },
  { key: 'bcv', name: 'Borgercenter Voksne', shortName: 'BCV', kind: K.MUNICIPAL_UNIT, parent: 'sof', topics: ['hjemløshed', 'misbrug', 'psykiatri', 'voksne'], domain: KK, mailbox: 'bcv', staff: ['Centerchef', 'Socialrådgiver', 'Socialrådgiver', 'Opsøgende medarbejder'], partnershipRole: P.PARTNER },

  // Børne- og Ungdomsforvaltningen: area, units and schools.
  { key: 'bufomr', name: 'BUF Område Brønshøj-Husum-Vanløse', shortName: 'BUF BHV', kind: K.MUNICIPAL_UNIT, parent: 'buf', topics: ['skole', 'dagtilbud', 'trivsel'], domain: KK, mailbox: 'buf-bhv', staff: ['Områdechef', 'Pædagogisk konsulent', 'Skolekonsulent'], partnershipRole: P.PARTNER },
  { key: 'ppr', name: 'PPR Brønshøj-Husum-Vanløse', shortName: 'PPR', kind: K.MUNICIPAL_UNIT, parent: 'bufomr', topics: ['trivsel', 'psykologi', 'skolefravær'], domain: KK, mailbox: 'ppr-bhv', staff: ['Afdelingsleder', 'Skolepsykolog', 'Skolepsykolog', 'Tale-høre-konsulent'], partnershipRole: P.PARTNER },
  { key: 'sundpl', name: 'Sundhedsplejen Brønshøj-Husum-Vanløse', shortName: 'Sundhedsplejen', kind: K.MUNICIPAL_UNIT, parent: 'bufomr', topics: ['sundhed', 'småbørn', 'familier'], domain: KK, mailbox: 'sundhedsplejen-bhv', staff: ['Ledende sundhedsplejerske', 'Sundhedsplejerske', 'Sundhedsplejerske'], partnershipRole: P.PARTNER },
  { key: 'fritc', name: 'Tingbjerg Fritidscenter', shortName: 'TFC', kind: K.MUNICIPAL_UNIT, parent: 'bufomr', topics: ['fritid', 'unge', 'klub', 'tryghed'], domain: KK, mailbox: 'tingbjerg-fritidscenter', phone: '+45 38 60 25 10', staff: ['Leder', 'Souschef', ...rep('Klubpædagog', 6), { title: 'Ungdomsmedarbejder', alsoAt: 'sspbht', alsoRole: 'Fritidskontakt i SSP' }, 'Ungdomsmedarbejder'], partnershipRole: P.PARTNER },
  { key: 'uu', name: 'UU København – Ungdommens Uddannelsesvejledning', shortName: 'UU', kind: K.MUNICIPAL_UNIT, parent: 'buf', topics: ['uddannelse', 'vejledning', 'unge'], domain: KK, mailbox: 'uu', staff: ['Teamleder', ...rep('UU-vejleder', 4)], partnershipRole: P.PARTNER },
  { key: 'tingskole', name: 'Tingbjergskolen', kind: K.SCHOOL, parent: 'bufomr', topics: ['skole', 'trivsel', 'skolefravær', 'forældresamarbejde'], domain: KK, mailbox: 'tingbjergskolen', phone: '+45 38 60 16 11', staff: ['Skoleleder', 'Viceskoleleder', 'Afdelingsleder, udskolingen', { title: 'Skolesocialrådgiver', alsoAt: 'fc', alsoRole: 'Skolesocialrådgiver, udstationeret' }, 'AKT-lærer', { title: 'SSP-kontaktlærer', alsoAt: 'sspbht', alsoRole: 'SSP-kontaktlærer' }, ...rep('Lærer', 4), 'Pædagog'], partnershipRole: P.PARTNER },
  { key: 'husumvold', name: 'Husumvold Skole', kind: K.SCHOOL, parent: 'bufomr', topics: ['skole', 'trivsel', 'forældresamarbejde'], domain: KK, mailbox: 'husumvold-skole', phone: '+45 38 60 90 90', staff: ['Skoleleder', 'Afdelingsleder', 'AKT-lærer', { title: 'SSP-kontaktlærer', alsoAt: 'sspbht', alsoRole: 'SSP-kontaktlærer' }, 'Lærer', 'Lærer', 'Skolesocialrådgiver'], partnershipRole: P.PARTNER },
  { key: 'bronskole', name: 'Brønshøj Skole', kind: K.SCHOOL, parent: 'bufomr', topics: ['skole', 'trivsel'], domain: KK, mailbox: 'broenshoej-skole', staff: ['Skoleleder', { title: 'SSP-kontaktlærer', alsoAt: 'sspbht', alsoRole: 'SSP-kontaktlærer' }, 'AKT-lærer', 'Lærer', 'Lærer'], partnershipRole: P.PARTNER },
  { key: 'husumskole', name: 'Husum Skole', kind: K.SCHOOL, parent: 'bufomr', topics: ['skole', 'trivsel', 'skolefravær'], domain: KK, mailbox: 'husum-skole', staff: ['Skoleleder', 'Viceskoleleder', 'SSP-kontaktlærer', 'Lærer', 'Lærer'], partnershipRole: P.PARTNER },
  { key: 'ungdskole', name: 'Københavns Ungdomsskole, afdeling Brønshøj-Husum', shortName: 'Ungdomsskolen', kind: K.SCHOOL, parent: 'buf', topics: ['skole', 'fritid', 'unge', 'knallertkørekort'], domain: KK, mailbox: 'ungdomsskolen-bh', staff: ['Afdelingsleder', 'Ungdomsskolelærer', 'Ungdomsskolelærer', 'Ungdomsskolelærer'], partnershipRole: P.PARTNER },

  // Beskæftigelses- og Integrationsforvaltningen.
  { key: 'jobc', name: 'Jobcenter København', shortName: 'JC KBH', kind: K.MUNICIPAL_UNIT, parent: 'bif', topics: ['beskæftigelse', 'ledighed', 'uddannelse'], domain: KK, mailbox: 'jobcenter', staff: ['Centerchef', 'Jobkonsulent', 'Specialkonsulent'], partnershipRole: P.PARTNER },
  { key: 'ungei', name: 'Ungeindsatsen, Jobcenter København', shortName: 'UI', kind: K.MUNICIPAL_UNIT, parent: 'jobc', topics: ['unge', 'uddannelse', 'beskæftigelse'], domain: KK, mailbox: 'ungeindsatsen', staff: ['Teamleder', ...rep('Ungevejleder', 4), { title: 'Mentor', alsoAt: 'ssppl', alsoRole: 'Mentor i SSP+' }, 'Mentor'], partnershipRole: P.PARTNER },
  { key: 'jobtb', name: 'Jobcenter København, Afdeling Nordvest', shortName: 'JC Nordvest', kind: K.MUNICIPAL_UNIT, parent: 'jobc', topics: ['beskæftigelse', 'virksomhedssamarbejde', 'integration'], domain: KK, mailbox: 'jobcenter-nordvest', staff: ['Afdelingsleder', ...rep('Jobkonsulent', 4), 'Virksomhedskonsulent', 'Virksomhedskonsulent'], partnershipRole: P.PARTNER },

  // Kultur- og Fritidsforvaltningen.
  { key: 'bibl', name: 'Tingbjerg Bibliotek og Kulturhus', shortName: 'Tingbjerg Bibliotek', kind: K.MUNICIPAL_UNIT, parent: 'kff', topics: ['kultur', 'lektiehjælp', 'fritid', 'borgerservice'], domain: KK, mailbox: 'tingbjerg-bibliotek', phone: '+45 38 60 41 00', staff: ['Biblioteksleder', 'Kulturmedarbejder', 'Bibliotekar', 'Bibliotekar', 'Kulturformidler'], partnershipRole: P.PARTNER },
  { key: 'idraet', name: 'Tingbjerg Idrætsanlæg', kind: K.MUNICIPAL_UNIT, parent: 'kff', topics: ['idræt', 'fritid', 'haller'], domain: KK, mailbox: 'tingbjerg-idraet', staff: ['Driftsleder', 'Idrætskonsulent', 'Halinspektør'], partnershipRole: P.PARTNER },

  // Teknik- og Miljøforvaltningen.
  { key: 'byensdrift', name: 'Byens Drift', kind: K.MUNICIPAL_UNIT, parent: 'tmf', topics: ['renhold', 'belysning', 'byrum'], domain: KK, mailbox: 'byensdrift', staff: ['Centerchef', 'Driftschef'], partnershipRole: P.PARTNER },
  { key: 'driftnv', name: 'Byens Drift, Område Nordvest', shortName: 'Drift NV', kind: K.MUNICIPAL_UNIT, parent: 'byensdrift', topics: ['renhold', 'belysning', 'grønne områder', 'graffiti'], domain: KK, mailbox: 'drift-nordvest', phone: '+45 33 66 58 00', staff: ['Områdeleder', 'Driftsleder', 'Tilsynsførende', 'Gartner'], partnershipRole: P.PARTNER },

  // Sundheds- og Omsorgsforvaltningen.
  { key: 'forebyg', name: 'Forebyggelsescenter Nørrebro-Nordvest', shortName: 'Forebyggelsescentret', kind: K.MUNICIPAL_UNIT, parent: 'suf', topics: ['sundhed', 'forebyggelse', 'rygestop', 'misbrug'], domain: KK, mailbox: 'forebyggelse-nv', staff: ['Centerleder', 'Sundhedskonsulent', 'Sundhedsformidler'], partnershipRole: P.PARTNER },

  // Økonomiforvaltningen.
  { key: 'omraade', name: 'Områdefornyelsen Tingbjerg-Husum', shortName: 'Områdefornyelsen', kind: K.MUNICIPAL_UNIT, parent: 'okf', topics: ['byudvikling', 'byrum', 'borgerinddragelse', 'tryghed'], domain: KK, mailbox: 'omraadefornyelse-tingbjerg', phone: '+45 24 88 37 10', staff: ['Projektchef', 'Projektleder', 'Byplanlægger', 'Borgerinddragelseskonsulent'], partnershipRole: P.PARTNER },
  { key: 'sikkerby', name: 'Tryghedsanalyse og Sikker By', shortName: 'Sikker By', kind: K.MUNICIPAL_UNIT, parent: 'okf', topics: ['tryghed', 'tryghedsmåling', 'analyse'], domain: KK, mailbox: 'sikkerby', staff: ['Chefkonsulent', 'Analytiker', 'Analytiker'], partnershipRole: P.PARTNER },

  // Police.
  { key: 'kbhpol', name: 'Københavns Politi', shortName: 'KBHPOL', kind: K.POLICE, topics: ['kriminalitetsforebyggelse', 'efterforskning', 'tryghed'], domain: 'politi.dk', mailbox: 'kbh', phone: '+45 33 14 14 48', staff: ['Chefpolitiinspektør', 'Politikommissær, staben', 'Kommunikationsrådgiver'], partnershipRole: P.LEAD },
  { key: 'bellahoej', name: 'Station Bellahøj', kind: K.POLICE, parent: 'kbhpol', topics: ['kriminalitetsforebyggelse', 'patruljering', 'tryghed'], domain: 'politi.dk', mailbox: 'kbh-bellahoej', phone: '+45 38 19 14 48', staff: ['Stationschef', 'Vicepolitiinspektør', 'Politikommissær', 'Politiassistent', 'Politiassistent', 'Politibetjent'], partnershipRole: P.PARTNER },
  { key: 'lokalpol', name: 'Lokalpolitiet Brønshøj-Husum-Tingbjerg', shortName: 'Lokalbetjentene', kind: K.POLICE, parent: 'bellahoej', topics: ['lokalbetjente', 'tryghed', 'unge', 'kriminalitetsforebyggelse'], domain: 'politi.dk', mailbox: 'kbh-lokalpoliti-nv', phone: '+45 38 19 16 70', staff: ['Politikommissær, leder af lokalpolitiet', { title: 'Lokalbetjent', alsoAt: 'sspbht', alsoRole: 'Politiets SSP-repræsentant' }, ...rep('Lokalbetjent', 6), 'Forebyggelsesbetjent'], partnershipRole: P.PARTNER },
  { key: 'fbafd', name: 'Forebyggelsesafdelingen, Københavns Politi', shortName: 'Forebyggelsen KBHPOL', kind: K.POLICE, parent: 'kbhpol', topics: ['kriminalitetsforebyggelse', 'exit', 'ungdomskriminalitet'], domain: 'politi.dk', mailbox: 'kbh-forebyggelse', staff: ['Politiinspektør', 'Forebyggelseskonsulent', 'Exit-koordinator'], partnershipRole: P.PARTNER },

  // SSP.
  { key: 'sspkbh', name: 'SSP København', shortName: 'SSP KBH', kind: K.SSP, topics: ['ssp', 'kriminalitetsforebyggelse', 'unge'], domain: KK, mailbox: 'ssp', phone: '+45 33 17 70 70', staff: ['SSP-chef', 'SSP-konsulent', 'Analytiker'], partnershipRole: P.PARTNER },
  { key: 'sspbht', name: 'SSP Brønshøj-Husum-Tingbjerg', shortName: 'SSP BHT', kind: K.SSP, parent: 'sspkbh', topics: ['ssp', 'kriminalitetsforebyggelse', 'unge', 'skole', 'forældre'], domain: KK, mailbox: 'ssp-bht', phone: '+45 24 60 18 20', staff: ['SSP-leder', ...rep('SSP-konsulent', 5), 'SSP-medarbejder'], partnershipRole: P.PARTNER },
  { key: 'ssppl', name: 'SSP+ København (18–25 år)', shortName: 'SSP+', kind: K.SSP, parent: 'sspkbh', topics: ['unge voksne', 'kriminalitetsforebyggelse', 'exit'], domain: KK, mailbox: 'ssp-plus', staff: ['Koordinator', 'SSP+-konsulent', 'SSP+-konsulent'], partnershipRole: P.PARTNER },

  // Housing associations and the social housing plan.
  { key: 'kab', name: 'KAB', kind: K.HOUSING_ASSOCIATION, topics: ['boligadministration', 'boligsocial indsats'], domain: 'kab-bolig.dk', mailbox: 'kab', phone: '+45 33 63 10 00', staff: ['Boligsocial chef', 'Chefkonsulent', 'Kundechef'], partnershipRole: P.PARTNER },
  { key: 'sab', name: 'SAB – Samvirkende Boligselskaber', shortName: 'SAB', kind: K.HOUSING_ASSOCIATION, topics: ['bolig', 'beboerdemokrati'], domain: 'sab.dk', mailbox: 'sab', staff: ['Formand for organisationsbestyrelsen', 'Forretningsfører'], partnershipRole: P.LEAD },
  { key: 'sabtb', name: 'SAB afd. Tingbjerg', kind: K.HOUSING_ASSOCIATION, parent: 'sab', topics: ['beboere', 'bolig', 'tryghed', 'renhold'], domain: 'sab.dk', mailbox: 'tingbjerg', staff: ['Afdelingsformand', 'Driftschef', 'Afdelingsbestyrelsesmedlem'], partnershipRole: P.PARTNER },
  { key: 'ejdk', name: 'Ejendomskontoret Tingbjerg', kind: K.HOUSING_ASSOCIATION, parent: 'sabtb', topics: ['drift', 'renhold', 'belysning', 'tryghed'], domain: 'sab.dk', mailbox: 'ejendomskontor-tingbjerg', phone: '+45 38 28 00 90', staff: ['Driftsleder', ...rep('Ejendomsfunktionær', 3), { title: 'Boligsocial vicevært', alsoAt: 'helhed', alsoRole: 'Boligsocial vicevært, tilknyttet helhedsplanen' }], partnershipRole: P.PARTNER },
  { key: 'fsb', name: 'fsb', kind: K.HOUSING_ASSOCIATION, topics: ['boligadministration', 'boligsocial indsats'], domain: 'fsb.dk', mailbox: 'fsb', phone: '+45 33 79 00 00', staff: ['Boligsocial chef', 'Driftschef'], partnershipRole: P.LEAD },
  { key: 'fsbtb', name: 'fsb afd. Tingbjerg', kind: K.HOUSING_ASSOCIATION, parent: 'fsb', topics: ['beboere', 'bolig', 'tryghed'], domain: 'fsb.dk', mailbox: 'tingbjerg', staff: ['Afdelingsformand', 'Ejendomsmester', 'Ejendomsfunktionær', 'Ejendomsfunktionær'], partnershipRole: P.PARTNER },
  { key: 'helhed', name: 'Den boligsociale helhedsplan Tingbjerg-Husum', shortName: 'Helhedsplanen', kind: K.HOUSING_ASSOCIATION, parent: 'kab', topics: ['boligsocial indsats', 'beskæftigelse', 'forældre', 'fritid', 'tryghed'], domain: 'kab-bolig.dk', mailbox: 'helhedsplan-tingbjerg', phone: '+45 29 12 44 60', staff: ['Sekretariatsleder', ...rep('Boligsocial medarbejder', 4), 'Forældrekoordinator', { title: 'Fritidsjobkonsulent', alsoAt: 'jobtb', alsoRole: 'Fritidsjobkonsulent, udstationeret' }, 'Fritidsjobkonsulent', 'Lektiecafékoordinator', 'Projektmedarbejder', 'Kommunikationsmedarbejder'], partnershipRole: P.PARTNER },
  { key: 'voldparken', name: 'AKB afd. Voldparken', kind: K.HOUSING_ASSOCIATION, parent: 'kab', topics: ['beboere', 'bolig', 'tryghed'], domain: 'kab-bolig.dk', mailbox: 'voldparken', staff: ['Afdelingsformand', 'Driftsleder'], partnershipRole: P.PARTNER, joinedDaysAgo: 900 },

  // Associations.
  { key: 'natte', name: 'Natteravnene Tingbjerg-Husum', shortName: 'Natteravnene', kind: K.ASSOCIATION, topics: ['nattevandring', 'tryghed', 'frivillige'], domain: 'natteravnene.dk', mailbox: 'tingbjerg', staff: [{ title: 'Koordinator', alsoAt: 'helhed', alsoRole: 'Frivilligkoordinator' }, ...rep('Frivillig natteravn', 5)], partnershipRole: P.PARTNER },
  { key: 'tbk', name: 'Tingbjerg Boldklub', kind: K.ASSOCIATION, topics: ['idræt', 'fodbold', 'fritid'], domain: 'tingbjergbk.dk', mailbox: 'formand', staff: ['Formand', 'Ungdomsformand', 'Ungdomstræner', 'Ungdomstræner'], partnershipRole: P.PARTNER },
  { key: 'husbk', name: 'Husum Boldklub', kind: K.ASSOCIATION, topics: ['idræt', 'fodbold', 'fritid'], domain: 'husumbk.dk', mailbox: 'kontakt', staff: ['Formand', 'Ungdomsformand', 'Træner'], partnershipRole: P.PARTNER },
  { key: 'boks', name: 'Tingbjerg Bokseklub', kind: K.ASSOCIATION, topics: ['idræt', 'boksning', 'fritid', 'unge'], domain: 'tingbjergboks.dk', mailbox: 'info', staff: ['Formand', 'Træner', 'Træner'], partnershipRole: P.PARTNER },
  { key: 'bydm', name: 'Bydelsmødrene i Tingbjerg', shortName: 'Bydelsmødrene', kind: K.ASSOCIATION, topics: ['forældre', 'familier', 'integration', 'sundhed'], domain: 'bydelsmor.dk', mailbox: 'tingbjerg', staff: [{ title: 'Koordinator', alsoAt: 'helhed', alsoRole: 'Koordinator for bydelsmødre' }, ...rep('Bydelsmor', 6)], partnershipRole: P.PARTNER },
  { key: 'lektie', name: 'Ungdommens Røde Kors – Lektiecafé Tingbjerg', shortName: 'URK Tingbjerg', kind: K.ASSOCIATION, topics: ['lektiehjælp', 'skole', 'frivillige'], domain: 'urk.dk', mailbox: 'tingbjerg', staff: ['Aktivitetsleder', 'Frivillig lektiehjælper', 'Frivillig lektiehjælper'], partnershipRole: P.PARTNER },
  { key: 'handel', name: 'Handelsforeningen Ruten', kind: K.ASSOCIATION, topics: ['handel', 'tryghed', 'byliv'], domain: 'rutenhandel.dk', mailbox: 'formand', staff: ['Formand', 'Næstformand'], partnershipRole: P.OBSERVER, joinedDaysAgo: 1400 },

  // Businesses.
  { key: 'netto', name: 'Netto Ruten', kind: K.BUSINESS, topics: ['butik', 'tryghed'], staff: ['Butikschef', 'Souschef'], partnershipRole: P.OBSERVER, joinedDaysAgo: 160 },
  { key: 'securitas', name: 'Securitas – vagtordning Tingbjerg', shortName: 'Securitas', kind: K.BUSINESS, topics: ['vagt', 'tryghed', 'nattevagt'], domain: 'securitas.dk', mailbox: 'tingbjerg', phone: '+45 70 10 33 33', staff: ['Områdeleder', 'Vagtleder', 'Vagt'], partnershipRole: P.PARTNER, joinedDaysAgo: 700 },
  { key: 'apotek', name: 'Tingbjerg Apotek', kind: K.BUSINESS, topics: ['butik', 'sundhed'], staff: ['Apoteker'], partnershipRole: P.OBSERVER, joinedDaysAgo: 1500, leftDaysAgo: 95 },

  // Others.
  { key: 'krimfors', name: 'Kriminalforsorgen Hovedstaden', shortName: 'Kriminalforsorgen', kind: K.OTHER, topics: ['løsladte', 'tilsyn', 'exit'], domain: 'kriminalforsorgen.dk', mailbox: 'hovedstaden', staff: ['Afdelingsleder', 'Kriminalforsorgsmedarbejder', 'Kriminalforsorgsmedarbejder'], partnershipRole: P.PARTNER },
  { key: 'kirke', name: 'Tingbjerg Kirke', kind: K.OTHER, topics: ['fællesskab', 'frivillige', 'sorg og krise'], domain: 'tingbjergkirke.dk', mailbox: 'kontor', staff: ['Sognepræst', 'Kirke- og kulturmedarbejder'], partnershipRole: P.OBSERVER },
];

export const COORDINATOR = { org: 'sek', name: 'Mette Kjær Hansen', email: 'mkh4@kk.dk', phone: '+45 21 15 40 81' };
/** The plain member returned by loadDemo: the school leader of Tingbjergskolen (sits in Koordinationsgruppen). */
export const PLAIN_MEMBER_ORG = 'tingskole';

export const FIRST_NAMES = [
  'Anne', 'Mette', 'Hanne', 'Susanne', 'Lene', 'Louise', 'Camilla', 'Maria', 'Charlotte', 'Pia', 'Tina', 'Helle', 'Marianne',
  'Karen', 'Julie', 'Sofie', 'Ida', 'Emma', 'Sara', 'Line', 'Rikke', 'Maja', 'Signe', 'Trine', 'Nanna', 'Cecilie', 'Birgitte',
  'Lars', 'Jens', 'Peter', 'Michael', 'Henrik', 'Thomas', 'Søren', 'Jan', 'Niels', 'Morten', 'Martin', 'Rasmus', 'Jesper',
  'Anders', 'Christian', 'Mads', 'Kasper', 'Jakob', 'Frederik', 'Mikkel', 'Jonas', 'Simon', 'Ole', 'Torben', 'Kim', 'Bo',
  'Steen', 'Flemming', 'Claus', 'Per', 'Jørgen', 'Søs', 'Bjørn',
  'Ahmad', 'Ali', 'Mohammed', 'Omar', 'Hassan', 'Yusuf', 'Bilal', 'Karim', 'Emre', 'Mustafa', 'Abdi', 'Ibrahim',
  'Fatima', 'Aisha', 'Leyla', 'Yasmin', 'Zainab', 'Amira', 'Hiba', 'Sabrina', 'Nadia', 'Fadumo', 'Ayşe', 'Samira', 'Hodan',
];

export const LAST_NAMES = [
  'Hansen', 'Jensen', 'Nielsen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen', 'Rasmussen', 'Jørgensen',
  'Petersen', 'Madsen', 'Kristensen', 'Olsen', 'Thomsen', 'Christiansen', 'Poulsen', 'Johansen', 'Møller', 'Mortensen',
  'Østergaard', 'Kjær', 'Lund', 'Holm', 'Dam', 'Bach', 'Frederiksen', 'Juhl', 'Skov', 'Bruun', 'Vestergaard', 'Friis',
  'Lauridsen', 'Nørgaard', 'Brandt', 'Krogh', 'Søndergaard', 'Winther', 'Dahl', 'Kofoed', 'Lindberg', 'Højgaard',
  'Yilmaz', 'Hussein', 'Ahmed', 'Khan', 'Abdi', 'Said', 'Hassan', 'Özdemir', 'El-Khatib', 'Jama', 'Nasser', 'Demir',
];

/** Middle names used now and then (a Danish surname as middle name). */
export const MIDDLE_NAMES = ['Kjær', 'Holm', 'Lund', 'Bach', 'Skov', 'Dam', 'Friis', 'Krogh', 'Juul', 'Bech', 'Munk', 'Vinther'];

// ---------------------------------------------------------------------------------------------
// Forums

export interface SeatSpec {
  org: string;
  /** Title of the position in the organisation; `nth` picks among positions with that title (0 first). */
  title: string;
  nth?: number;
  role: ForumRole;
  legalBasis?: boolean;
}

export interface ForumSpec {
  key: string;
  name: string;
  level: ForumLevel;
  mandate: string;
  /** The RRULE line without DTSTART; the loader computes a DTSTART about a year before "now". */
  rrule: string;
  time: [number, number];
  minutes: number;
  location: string;
  seats: SeatSpec[];
  /** Standard items: approval of minutes first, follow-up list, "Eventuelt" last. */
  opening: boolean;
  followUp: boolean;
}

const R = ForumRole;
export const LEGAL_BASIS = 'retsplejeloven § 115';

export const FORUMS: ForumSpec[] = [
  {
    key: 'styre',
    name: 'Styregruppen for Tryghedspartnerskabet',
    level: ForumLevel.STRATEGIC,
    mandate:
      'Styregruppen fastlægger partnerskabets strategiske mål og prioriteringer, godkender den årlige handleplan og følger op på indsatsernes effekt. ' +
      'Styregruppen træffer beslutning om ressourcer på tværs af forvaltninger og samarbejdspartnere og kan nedsætte arbejdsgrupper.',
    rrule: 'RRULE:FREQ=MONTHLY;INTERVAL=3;BYDAY=2TH',
    time: [9, 0],
    minutes: 120,
    location: 'Københavns Rådhus, mødelokale 2.14',
    opening: true,
    followUp: true,
    seats: [
      { org: 'sof', title: 'Områdechef', role: R.CHAIR },
      { org: 'sek', title: 'Tryghedskoordinator', role: R.SECRETARY },
      { org: 'bbu', title: 'Centerchef', role: R.MEMBER },
      { org: 'buf', title: 'Områdechef', role: R.MEMBER },
      { org: 'bif', title: 'Kontorchef', role: R.MEMBER },
      { org: 'kff', title: 'Kontorchef', role: R.MEMBER },
      { org: 'tmf', title: 'Kontorchef', role: R.MEMBER },
      { org: 'okf', title: 'Kontorchef', role: R.MEMBER },
      { org: 'bellahoej', title: 'Stationschef', role: R.MEMBER },
      { org: 'sspkbh', title: 'SSP-chef', role: R.MEMBER },
      { org: 'kab', title: 'Boligsocial chef', role: R.MEMBER },
      { org: 'fsb', title: 'Boligsocial chef', role: R.MEMBER },
      { org: 'helhed', title: 'Sekretariatsleder', role: R.MEMBER },
      { org: 'krimfors', title: 'Afdelingsleder', role: R.OBSERVER },
    ],
  },
  {
    key: 'koord',
    name: 'Koordinationsgruppen',
    level: ForumLevel.TACTICAL,
    mandate:
      'Koordinationsgruppen omsætter styregruppens prioriteringer til konkrete, koordinerede indsatser, sikrer videndeling om partnernes planer og initiativer ' +
      'og følger op på, hvem der gør hvad hvornår. Gruppen løser problemer, der går på tværs af fora, og indstiller til styregruppen.',
    rrule: 'RRULE:FREQ=MONTHLY;BYMONTH=1,2,3,4,5,6,8,9,10,11,12;BYDAY=1MO',
    time: [14, 0],
    minutes: 120,
    location: 'Tingbjerg Bibliotek og Kulturhus, mødelokalet på 1. sal',
    opening: true,
    followUp: true,
    seats: [
      { org: 'sek', title: 'Tryghedskoordinator', role: R.CHAIR },
      { org: 'sek', title: 'Projektmedarbejder', role: R.SECRETARY },
      { org: 'lokalpol', title: 'Politikommissær, leder af lokalpolitiet', role: R.MEMBER },
      { org: 'sspbht', title: 'SSP-leder', role: R.MEMBER },
      { org: 'fc', title: 'Leder', role: R.MEMBER },
      { org: 'helhed', title: 'Sekretariatsleder', role: R.MEMBER },
      { org: 'fritc', title: 'Leder', role: R.MEMBER },
      { org: 'tingskole', title: 'Skoleleder', role: R.MEMBER },
      { org: 'husumvold', title: 'Skoleleder', role: R.MEMBER },
      { org: 'jobtb', title: 'Afdelingsleder', role: R.MEMBER },
      { org: 'bibl', title: 'Biblioteksleder', role: R.MEMBER },
      { org: 'driftnv', title: 'Områdeleder', role: R.MEMBER },
      { org: 'omraade', title: 'Projektleder', role: R.MEMBER },
      { org: 'ejdk', title: 'Driftsleder', role: R.MEMBER },
      { org: 'gade', title: 'Teamleder', role: R.MEMBER },
    ],
  },
  {
    key: 'ssp',
    name: 'SSP-lokaludvalget Brønshøj-Husum-Tingbjerg',
    level: ForumLevel.TACTICAL,
    mandate:
      'Lokaludvalget koordinerer den kriminalitetsforebyggende indsats over for børn og unge under 18 år i lokalområdet. ' +
      'Udveksling af oplysninger om enkeltpersoner sker alene mellem medlemmer med hjemmel i retsplejelovens § 115 og fremgår ikke af det åbne referat.',
    rrule: 'RRULE:FREQ=MONTHLY;BYMONTH=1,2,3,4,5,6,8,9,10,11,12;BYDAY=3WE',
    time: [13, 0],
    minutes: 90,
    location: 'SSP Brønshøj-Husum-Tingbjerg, Ruten 2',
    opening: true,
    followUp: true,
    seats: [
      { org: 'sspbht', title: 'SSP-leder', role: R.CHAIR, legalBasis: true },
      { org: 'sspbht', title: 'SSP-konsulent', role: R.SECRETARY, legalBasis: true },
      { org: 'lokalpol', title: 'Politikommissær, leder af lokalpolitiet', role: R.MEMBER, legalBasis: true },
      { org: 'lokalpol', title: 'Lokalbetjent', role: R.MEMBER, legalBasis: true },
      { org: 'fc', title: 'Leder', role: R.MEMBER, legalBasis: true },
      { org: 'fc', title: 'Socialrådgiver', role: R.MEMBER, legalBasis: true },
      { org: 'gade', title: 'Teamleder', role: R.MEMBER, legalBasis: true },
      { org: 'husumvold', title: 'Skoleleder', role: R.MEMBER },
      { org: 'tingskole', title: 'SSP-kontaktlærer', role: R.MEMBER },
      { org: 'fritc', title: 'Leder', role: R.MEMBER },
      { org: 'helhed', title: 'Boligsocial medarbejder', role: R.MEMBER },
      { org: 'uu', title: 'UU-vejleder', role: R.MEMBER },
      { org: 'ppr', title: 'Afdelingsleder', role: R.MEMBER },
      { org: 'sek', title: 'Tryghedskoordinator', role: R.OBSERVER },
    ],
  },
  {
    key: 'drift',
    name: 'Driftsmøde tryghed',
    level: ForumLevel.OPERATIONAL,
    mandate:
      'Driftsmødet samler de medarbejdere, der er i området til daglig, om hændelser siden sidst, hærværk, belysning, renhold og vagtplaner, ' +
      'og aftaler hurtige, praktiske løsninger. Større sager løftes til Koordinationsgruppen.',
    rrule: 'RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU',
    time: [9, 0],
    minutes: 60,
    location: 'Ejendomskontoret Tingbjerg, Ruten 41',
    opening: false,
    followUp: true,
    seats: [
      { org: 'helhed', title: 'Boligsocial medarbejder', role: R.CHAIR },
      { org: 'sek', title: 'Tryghedskoordinator', role: R.SECRETARY },
      { org: 'lokalpol', title: 'Lokalbetjent', nth: 1, role: R.MEMBER },
      { org: 'gade', title: 'Gadeplansmedarbejder', role: R.MEMBER },
      { org: 'ejdk', title: 'Driftsleder', role: R.MEMBER },
      { org: 'fsbtb', title: 'Ejendomsmester', role: R.MEMBER },
      { org: 'driftnv', title: 'Driftsleder', role: R.MEMBER },
      { org: 'securitas', title: 'Vagtleder', role: R.MEMBER },
      { org: 'fritc', title: 'Souschef', role: R.MEMBER },
      { org: 'natte', title: 'Koordinator', role: R.MEMBER },
      { org: 'handel', title: 'Formand', role: R.OBSERVER },
    ],
  },
  {
    key: 'netvaerk',
    name: 'Netværksmøde for foreninger',
    level: ForumLevel.OPERATIONAL,
    mandate:
      'Netværksmødet giver foreninger, frivillige og kommunale fritidstilbud et fast sted at dele planer, koordinere arrangementer og bygge bro ' +
      'mellem unge i området og foreningslivet.',
    rrule: 'RRULE:FREQ=MONTHLY;INTERVAL=2;BYDAY=-1TH',
    time: [17, 0],
    minutes: 120,
    location: 'Tingbjerg Bibliotek og Kulturhus, salen',
    opening: true,
    followUp: false,
    seats: [
      { org: 'helhed', title: 'Sekretariatsleder', role: R.CHAIR },
      { org: 'helhed', title: 'Projektmedarbejder', role: R.SECRETARY },
      { org: 'kff', title: 'Fritidskonsulent', role: R.MEMBER },
      { org: 'tbk', title: 'Formand', role: R.MEMBER },
      { org: 'husbk', title: 'Formand', role: R.MEMBER },
      { org: 'boks', title: 'Formand', role: R.MEMBER },
      { org: 'bydm', title: 'Koordinator', role: R.MEMBER },
      { org: 'lektie', title: 'Aktivitetsleder', role: R.MEMBER },
      { org: 'natte', title: 'Koordinator', role: R.MEMBER },
      { org: 'kirke', title: 'Sognepræst', role: R.MEMBER },
      { org: 'bibl', title: 'Kulturmedarbejder', role: R.MEMBER },
      { org: 'fritc', title: 'Leder', role: R.MEMBER },
      { org: 'idraet', title: 'Idrætskonsulent', role: R.MEMBER },
      { org: 'sabtb', title: 'Afdelingsformand', role: R.MEMBER },
      { org: 'fsbtb', title: 'Afdelingsformand', role: R.MEMBER },
      { org: 'sek', title: 'Kommunikationsmedarbejder', role: R.OBSERVER },
    ],
  },
  {
    key: 'akut',
    name: 'Akutgruppen',
    level: ForumLevel.OPERATIONAL,
    mandate:
      'Akutgruppen samles hurtigt ved alvorlige hændelser (skyderi, afpresning, brand, uroligheder) for at afklare, hvad der er sket, hvem der gør hvad, ' +
      'og om der skal sættes ekstra ind, fx med en fælles vandring i området dagen efter. Gruppen holder et kort, fast møde hver måned for at holde beredskabet ved lige.',
    rrule: 'RRULE:FREQ=MONTHLY;BYDAY=-1WE',
    time: [8, 30],
    minutes: 60,
    location: 'Station Bellahøj, mødelokale 3',
    opening: false,
    followUp: true,
    seats: [
      { org: 'sek', title: 'Tryghedskoordinator', role: R.CHAIR },
      { org: 'sek', title: 'Projektmedarbejder', role: R.SECRETARY },
      { org: 'bellahoej', title: 'Vicepolitiinspektør', role: R.MEMBER, legalBasis: true },
      { org: 'lokalpol', title: 'Politikommissær, leder af lokalpolitiet', role: R.MEMBER, legalBasis: true },
      { org: 'sspbht', title: 'SSP-leder', role: R.MEMBER, legalBasis: true },
      { org: 'fc', title: 'Leder', role: R.MEMBER, legalBasis: true },
      { org: 'gade', title: 'Teamleder', role: R.MEMBER, legalBasis: true },
      { org: 'helhed', title: 'Sekretariatsleder', role: R.MEMBER },
      { org: 'fritc', title: 'Leder', role: R.MEMBER },
      { org: 'ejdk', title: 'Driftsleder', role: R.MEMBER },
    ],
  },
  {
    key: 'unge',
    name: 'Ungeindsats-teamet',
    level: ForumLevel.OPERATIONAL,
    mandate:
      'Teamet koordinerer indsatsen for unge mellem 15 og 25 år i eller på vej ud af kriminalitet: uddannelse, job, mentor, bolig og exit. ' +
      'Oplysninger om enkeltpersoner udveksles efter retsplejelovens § 115 og noteres i sagerne, ikke i referatet.',
    rrule: 'RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TH',
    time: [10, 0],
    minutes: 90,
    location: 'Jobcenter København, Afdeling Nordvest, mødelokale Husum',
    opening: false,
    followUp: true,
    seats: [
      { org: 'ssppl', title: 'Koordinator', role: R.CHAIR, legalBasis: true },
      { org: 'ssppl', title: 'SSP+-konsulent', role: R.SECRETARY, legalBasis: true },
      { org: 'ungei', title: 'Teamleder', role: R.MEMBER },
      { org: 'ungei', title: 'Mentor', role: R.MEMBER },
      { org: 'fc', title: 'Ungerådgiver', role: R.MEMBER, legalBasis: true },
      { org: 'lokalpol', title: 'Lokalbetjent', nth: 2, role: R.MEMBER, legalBasis: true },
      { org: 'sspbht', title: 'SSP-konsulent', nth: 1, role: R.MEMBER, legalBasis: true },
      { org: 'uu', title: 'UU-vejleder', nth: 1, role: R.MEMBER },
      { org: 'helhed', title: 'Fritidsjobkonsulent', role: R.MEMBER },
      { org: 'krimfors', title: 'Kriminalforsorgsmedarbejder', role: R.MEMBER, legalBasis: true },
      { org: 'fbafd', title: 'Exit-koordinator', role: R.MEMBER, legalBasis: true },
      { org: 'uturn', title: 'Rusmiddelkonsulent', role: R.MEMBER, legalBasis: true },
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// Agenda content

export interface ActionTemplate {
  title: string;
  description?: string;
  /** Assignee organisation key. */
  to: string;
  /** Due this many days after the meeting. */
  days: number;
}

export interface DecisionTemplate {
  text: string;
  responsible: string[];
  kle?: string;
  /** Registered as a case in the municipal case system. */
  caseFile?: boolean;
  reviewMonths?: number;
  /** Text of a later decision that supersedes this one. */
  revised?: string;
}

export interface AgendaTemplate {
  title: string;
  kind: AgendaItemKind;
  description: string;
  /** Preferred presenting organisations (the first one with a member present). */
  by: string[];
  confidential?: boolean;
  minutes?: number;
  /** Only in these months (1–12). */
  months?: number[];
  outcomes?: string[];
  decision?: DecisionTemplate;
  actions?: ActionTemplate[];
}

const A = AgendaItemKind;

export const MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];

export const GENERIC_OUTCOMES: Record<AgendaItemKind, string[]> = {
  [A.INFORMATION]: [
    'Orienteringen blev taget til efterretning.',
    'Orienteringen blev taget til efterretning. Spørgsmål blev besvaret på mødet.',
    'Taget til efterretning. Præsentationen sendes ud sammen med referatet.',
  ],
  [A.DISCUSSION]: [
    'Punktet blev drøftet. Der var enighed om retningen, og der følges op på næste møde.',
    'Drøftet. Flere partnere oplever det samme billede; sekretariatet samler erfaringerne.',
    'Drøftet med gode input fra alle parter. Konkrete aftaler fremgår af handlingspunkterne.',
  ],
  [A.DECISION]: ['Indstillingen blev godkendt.', 'Godkendt med de bemærkninger, der fremgår af beslutningen.', 'Indstillingen blev godkendt efter en kort drøftelse.'],
  [A.FOLLOW_UP]: ['Handlingspunkterne blev gennemgået.'],
};

export const DEFER_NOTES = [
  'Udsat til næste møde – punktet nåede ikke at blive behandlet.',
  'Udsat, da oplægsholderen havde meldt afbud.',
  'Udsat i afventning af yderligere oplysninger.',
  'Udsat efter ønske fra forvaltningen; mere materiale på vej.',
];

export const BLOCKED_COMMENTS = [
  'Afventer svar fra forvaltningen.',
  'Afventer budgetafklaring.',
  'Kan ikke gennemføres før byggepladsen er ryddet.',
  'Afventer tilladelse fra boligorganisationen.',
  'Mangler ressourcer i teamet pga. sygdom.',
];

export const CANCEL_COMMENTS = [
  'Ikke længere relevant efter seneste møde.',
  'Opgaven er dækket af en anden indsats.',
  'Aflyst – der blev ikke fundet finansiering.',
  'Erstattet af ny aftale i Koordinationsgruppen.',
];

export const REOPEN_COMMENTS = ['Genåbnet: problemet er opstået igen.', 'Genåbnet efter tilbagemelding fra beboerne.', 'Genåbnet – opgaven var kun delvist løst.'];

export const MOVE_COMMENTS = ['Udskudt efter aftale på mødet.', 'Ny frist pga. ferieperiode.', 'Fristen rykket – afventer leverandør.', 'Ny frist aftalt med sekretariatet.'];

export const REASSIGN_COMMENTS = ['Overdraget efter aftale på mødet.', 'Flyttet, da opgaven hører under en anden enhed.', 'Ny ansvarlig efter omorganisering.'];

export const DONE_COMMENTS = [null, null, 'Udført.', 'Udført – se bilag i referatet.', 'Gennemført som aftalt.'];

export const TEMPLATES: Record<string, AgendaTemplate[]> = {
  styre: [
    {
      title: 'Årlig handleplan for Tryghedspartnerskabet {y}',
      kind: A.DECISION,
      description: 'Sekretariatet fremlægger udkast til handleplan med mål, indsatser og ansvarsfordeling for det kommende år.',
      by: ['sek'],
      minutes: 40,
      months: [1, 2, 3, 10, 11, 12],
      decision: {
        text: 'Styregruppen godkender handleplanen for {y} med tre fokusområder: færre unge i kriminalitet, øget tryghed i byrummet omkring Ruten og flere unge i uddannelse eller job. Sekretariatet afrapporterer kvartalsvis.',
        revised: 'Handleplanen for {y} justeres: fokusområdet om byrummet udvides til også at omfatte Husum Torv, og afrapporteringen sker fremover halvårligt med en kort kvartalsstatus.',
        responsible: ['sek', 'sof', 'buf', 'bif', 'bellahoej', 'helhed'],
        kle: '27.24.00',
        caseFile: true,
        reviewMonths: 12,
      },
      actions: [
        { title: 'Udsende den godkendte handleplan til alle partnere', to: 'sek', days: 14 },
        { title: 'Udarbejde indikatorer for handleplanens tre fokusområder', to: 'sikkerby', days: 45 },
      ],
    },
    {
      title: 'Tryghedsmålingen: resultater for Tingbjerg-Husum',
      kind: A.INFORMATION,
      description: 'Gennemgang af den seneste tryghedsmåling for området sammenlignet med resten af København.',
      by: ['okf', 'sek'],
      minutes: 30,
      outcomes: [
        'Andelen af beboere, der føler sig trygge om aftenen, er steget, men ligger fortsat under gennemsnittet for København. Utrygheden er størst omkring Ruten og stierne mod Husum.',
        'Målingen viser stabil tryghed i dagtimerne og et fald i oplevet utryghed ved fritidscentret. Styregruppen ønsker en uddybende analyse af utrygheden blandt kvinder over 60.',
      ],
      actions: [{ title: 'Uddybende analyse af utrygheden blandt ældre beboere', to: 'sikkerby', days: 60 }],
    },
    {
      title: 'Status på helhedsplanens tryghedsindsatser',
      kind: A.INFORMATION,
      description: 'Helhedsplanen orienterer om fremdrift i tryghedsindsatserne og samarbejdet med beboerdemokratiet.',
      by: ['helhed'],
      minutes: 20,
    },
    {
      title: 'Finansiering af fritidsjobindsatsen efter projektperiodens udløb',
      kind: A.DECISION,
      description: 'Fritidsjobindsatsen er finansieret af Landsbyggefonden til udgangen af året. Indstilling om videreførelse.',
      by: ['helhed', 'bif'],
      minutes: 30,
      decision: {
        text: 'Styregruppen indstiller, at fritidsjobindsatsen videreføres i to år med fælles finansiering mellem Beskæftigelses- og Integrationsforvaltningen og helhedsplanen (50/50).',
        revised: 'Fritidsjobindsatsen videreføres i to år; finansieringsfordelingen ændres til 60/40 mellem Beskæftigelses- og Integrationsforvaltningen og helhedsplanen efter budgetforhandlingerne.',
        responsible: ['bif', 'helhed'],
        kle: '15.20.00',
        caseFile: true,
        reviewMonths: 12,
      },
      actions: [{ title: 'Udarbejde budgetnotat om videreførelse af fritidsjobindsatsen', to: 'bif', days: 30 }],
    },
    {
      title: 'Samlet indsats mod aftenutryghed ved Ruten',
      kind: A.DECISION,
      description: 'Politiet og sekretariatet fremlægger forslag til en samlet plan for butikstorvet og stierne omkring Ruten.',
      by: ['bellahoej', 'sek'],
      minutes: 30,
      decision: {
        text: 'Der iværksættes en samlet plan for Ruten: bedre belysning ved butikstorvet, øget synlighed af lokalbetjente fredag og lørdag aften og udvidet åbningstid i Tingbjerg Fritidscenter.',
        revised: 'Planen for Ruten videreføres, men den øgede synlighed af lokalbetjente flyttes til torsdag og fredag aften, hvor hændelserne nu koncentrerer sig.',
        responsible: ['bellahoej', 'lokalpol', 'ejdk', 'driftnv', 'fritc'],
        kle: '27.24.00',
        reviewMonths: 6,
      },
      actions: [
        { title: 'Kortlægge mørke steder og defekt belysning omkring Ruten', to: 'driftnv', days: 30 },
        { title: 'Udarbejde plan for synlig patruljering fredag og lørdag aften', to: 'lokalpol', days: 21 },
      ],
    },
    {
      title: 'Evaluering af partnerskabets organisering',
      kind: A.DISCUSSION,
      description: 'Drøftelse af kortlægningen af samarbejdet: det strategiske niveau fungerer godt, mens opfølgningen på udførende niveau skal styrkes.',
      by: ['sek'],
      minutes: 30,
      actions: [{ title: 'Forslag til fast procedure for opfølgning på handlingspunkter på tværs af fora', to: 'sek', days: 60 }],
    },
    {
      title: 'Udviklingsplanen og genhusning: betydning for trygheden',
      kind: A.INFORMATION,
      description: 'Boligorganisationerne orienterer om tidsplanen for udviklingsplanen, nedrivninger og genhusning.',
      by: ['kab', 'fsb'],
      minutes: 20,
    },
    {
      title: 'Samarbejdsaftale med Kriminalforsorgen om løsladte unge',
      kind: A.DECISION,
      description: 'Udkast til samarbejdsaftale om udslusning af unge under 25 år, der løslades til området.',
      by: ['krimfors', 'sspkbh'],
      minutes: 25,
      decision: {
        text: 'Styregruppen godkender samarbejdsaftalen med Kriminalforsorgen: fast kontaktperson i SSP+ og udslusningsmøde senest 14 dage før løsladelse.',
        revised: 'Samarbejdsaftalen med Kriminalforsorgen ændres, så udslusningsmødet holdes senest 30 dage før løsladelse, og Ungeindsatsen deltager fast.',
        responsible: ['krimfors', 'ssppl', 'ungei'],
        kle: '27.24.00',
        caseFile: true,
        reviewMonths: 12,
      },
      actions: [{ title: 'Udpege fast kontaktperson for løsladte unge', to: 'ssppl', days: 14 }],
    },
    {
      title: 'Kvartalsstatus: anmeldelser og hændelser i området',
      kind: A.INFORMATION,
      description: 'Politiet gennemgår udviklingen i anmeldelser, uro og hærværk i kvartalet.',
      by: ['bellahoej'],
      minutes: 20,
      outcomes: [
        'Antallet af anmeldelser om indbrud er faldet, mens anmeldelser om hærværk ligger stabilt. Uroen er koncentreret om få aftener.',
        'Politiet ser færre episoder med uro end samme kvartal sidste år. Der er fortsat problemer med knallertkørsel på stierne.',
      ],
    },
    {
      title: 'Årsrapport for Tryghedspartnerskabet',
      kind: A.DECISION,
      description: 'Udkast til årsrapport om partnerskabets indsatser og resultater til Socialudvalget og Børne- og Ungdomsudvalget.',
      by: ['sek'],
      minutes: 25,
      months: [1, 2, 3, 4],
      decision: {
        text: 'Styregruppen godkender årsrapporten og sender den til orientering i Socialudvalget og Børne- og Ungdomsudvalget.',
        responsible: ['sek', 'sof'],
        kle: '27.24.00',
        caseFile: true,
      },
      actions: [{ title: 'Sende årsrapporten til udvalgssekretariaterne', to: 'sek', days: 14 }],
    },
    {
      title: 'Ressourcer til gadeplansindsatsen i aftentimerne',
      kind: A.DECISION,
      description: 'Gadeplansteamet og politiet peger på behov for flere voksne på gaden mellem kl. 20 og 24.',
      by: ['bbu', 'bellahoej'],
      minutes: 25,
      decision: {
        text: 'Styregruppen afsætter midler til to ekstra gadeplansmedarbejdere i aftentimerne i et år; Socialforvaltningen og helhedsplanen deler udgiften.',
        revised: 'De ekstra gadeplansmedarbejdere i aftentimerne gøres permanente fra næste budgetår; helhedsplanens andel udfases.',
        responsible: ['sof', 'gade', 'helhed'],
        kle: '27.24.00',
        caseFile: true,
        reviewMonths: 12,
      },
      actions: [{ title: 'Opslå to stillinger som gadeplansmedarbejder', to: 'gade', days: 30 }],
    },
  ],
  koord: [
    {
      title: 'Aktivitetskalender for {m}: koordinering af indsatser',
      kind: A.DISCUSSION,
      description: 'Gennemgang af partnernes planlagte aktiviteter, så indsatser ikke overlapper eller modarbejder hinanden.',
      by: ['sek'],
      minutes: 20,
      outcomes: [
        'Kalenderen blev gennemgået. To arrangementer samme aften blev flyttet, så fritidscentret og boldklubben ikke konkurrerer om de samme unge.',
        'Kalenderen blev gennemgået uden overlap. Partnerne opfordres til at melde aktiviteter ind senest en uge før.',
      ],
      actions: [{ title: 'Opdatere den fælles aktivitetskalender', to: 'sek', days: 7 }],
    },
    {
      title: 'Sommerferieindsats for unge',
      kind: A.DECISION,
      description: 'Forslag til sommerferieprogram med åbent fritidscenter, turneringer og ture ud af byen.',
      by: ['fritc', 'helhed'],
      minutes: 30,
      months: [3, 4, 5, 6],
      decision: {
        text: 'Koordinationsgruppen vedtager sommerferieprogrammet: åbent fritidscenter alle hverdage til kl. 22, fodboldturnering i uge 28 og to ture ud af byen. Gadeplansteamet dækker aftnerne.',
        revised: 'Sommerferieprogrammet udvides med åbent fritidscenter også i weekenderne i uge 29–31, finansieret af helhedsplanen.',
        responsible: ['fritc', 'helhed', 'gade', 'tbk'],
        kle: '27.24.00',
        reviewMonths: 4,
      },
      actions: [
        { title: 'Udarbejde og omdele sommerferieprogram til alle husstande', to: 'helhed', days: 21 },
        { title: 'Vagtplan for gadeplansmedarbejdere i sommerferien', to: 'gade', days: 28 },
      ],
    },
    {
      title: 'Nytårsaften: fyrværkeri, beredskab og oprydning',
      kind: A.DECISION,
      description: 'Planlægning af indsatsen omkring nytårsaften på baggrund af erfaringerne fra sidste år.',
      by: ['lokalpol', 'ejdk'],
      minutes: 25,
      months: [11, 12],
      decision: {
        text: 'Der etableres fælles beredskab nytårsaften med lokalbetjente, gadeplansmedarbejdere og natteravne fra kl. 20 til 02. Ejendomskontoret fjerner brændbart affald fra containergårdene dagen før.',
        responsible: ['lokalpol', 'gade', 'natte', 'ejdk'],
        kle: '27.24.00',
      },
      actions: [
        { title: 'Fjerne brændbart affald fra containergårdene før nytår', to: 'ejdk', days: 21 },
        { title: 'Vagtplan for nytårsaften', to: 'gade', days: 14 },
      ],
    },
    {
      title: 'Utryghed ved indgangen til Tingbjerg Bibliotek og Kulturhus',
      kind: A.DISCUSSION,
      description: 'Personalet oplever grupper af unge ved indgangen om aftenen og enkelte episoder med chikane af lånere.',
      by: ['bibl'],
      minutes: 20,
      actions: [{ title: 'Dialog med de unge ved indgangen via gadeplansteamet', to: 'gade', days: 14 }],
    },
    {
      title: 'Skolefravær og trivsel i udskolingen',
      kind: A.INFORMATION,
      description: 'Skolerne orienterer om udviklingen i fravær og trivsel i 7.–9. klasse.',
      by: ['tingskole', 'husumvold'],
      minutes: 20,
      actions: [{ title: 'Forslag til fælles indsats for elever med højt fravær', to: 'tingskole', days: 30 }],
    },
    {
      title: 'Fritidsjob: status og nye virksomhedsaftaler',
      kind: A.INFORMATION,
      description: 'Helhedsplanen og jobcentret orienterer om antal unge i fritidsjob og nye aftaler med virksomheder.',
      by: ['helhed', 'jobtb'],
      minutes: 15,
      outcomes: ['Der er nu unge i fritidsjob hos elleve virksomheder, heriblandt to nye i Husum. Flere piger end tidligere er kommet i job.'],
    },
    {
      title: 'Fælles forældremøde om unge og nattelivet',
      kind: A.DECISION,
      description: 'SSP foreslår et fælles forældremøde for 6.–9. klasse på tværs af skolerne.',
      by: ['sspbht'],
      minutes: 20,
      decision: {
        text: 'Der afholdes fælles forældremøde for forældre til elever i 6.–9. klasse på områdets skoler, med tolkning til arabisk og somali.',
        responsible: ['sspbht', 'tingskole', 'husumvold', 'bydm'],
        kle: '27.24.00',
      },
      actions: [
        { title: 'Booke lokale og tolke til forældremødet', to: 'sspbht', days: 21 },
        { title: 'Invitere forældre via skolernes Aula', to: 'tingskole', days: 14 },
      ],
    },
    {
      title: 'Belysning og beskæring langs stierne mod Husum',
      kind: A.DECISION,
      description: 'Beboere oplever stierne som utrygge efter mørkets frembrud. Forslag til fælles plan for beskæring og belysning.',
      by: ['driftnv', 'ejdk'],
      minutes: 20,
      decision: {
        text: 'Byens Drift og ejendomskontoret udarbejder en fælles plan for beskæring langs stierne mod Husum og udskiftning af defekte lamper. Områdefornyelsen inddrages i valg af ny belysning.',
        revised: 'Planen for stierne mod Husum udvides med ny LED-belysning på hele strækningen; finansieringen deles mellem Teknik- og Miljøforvaltningen og Områdefornyelsen.',
        responsible: ['driftnv', 'ejdk', 'omraade'],
        caseFile: true,
        reviewMonths: 6,
      },
      actions: [
        { title: 'Beskære beplantning langs stien mod Husumvold', to: 'ejdk', days: 30 },
        { title: 'Udskifte defekte lamper på stierne mod Husum', to: 'driftnv', days: 45 },
      ],
    },
    {
      title: 'Hærværk og brand i containergårde',
      kind: A.DISCUSSION,
      description: 'Der har været flere mindre brande i containergårdene. Drøftelse af forebyggelse.',
      by: ['ejdk', 'lokalpol'],
      minutes: 20,
      actions: [{ title: 'Gennemgå containergårdene og foreslå brandsikring', to: 'ejdk', days: 30 }],
    },
    {
      title: 'Udviklingsplanen: tryghed omkring byggepladserne',
      kind: A.INFORMATION,
      description: 'Områdefornyelsen og KAB orienterer om byggepladserne, afspærringer og nye gangforbindelser.',
      by: ['omraade', 'kab'],
      minutes: 15,
      actions: [{ title: 'Skiltning af nye gangforbindelser omkring byggepladserne', to: 'omraade', days: 30 }],
    },
    {
      title: 'Rekruttering af frivillige natteravne',
      kind: A.DISCUSSION,
      description: 'Natteravnene mangler frivillige til fredagsvandringerne.',
      by: ['natte'],
      minutes: 15,
      actions: [{ title: 'Hvervekampagne for natteravne sammen med Bydelsmødrene', to: 'natte', days: 45 }],
    },
    {
      title: 'Tryghedsvandring med beboerne',
      kind: A.DECISION,
      description: 'Forslag om en fælles tryghedsvandring med beboerrepræsentanter, politi og ejendomskontor.',
      by: ['sek'],
      minutes: 15,
      months: [2, 3, 4, 5, 8, 9, 10],
      decision: {
        text: 'Der gennemføres en tryghedsvandring med beboerrepræsentanter i {m}. Sekretariatet samler observationerne i et kort med prioriterede tiltag.',
        responsible: ['sek', 'lokalpol', 'sabtb', 'fsbtb'],
        kle: '27.24.00',
      },
      actions: [{ title: 'Samle observationer fra tryghedsvandringen i et kort med prioriterede tiltag', to: 'sek', days: 30 }],
    },
    {
      title: 'Knallertkørsel på stier og fortove',
      kind: A.DISCUSSION,
      description: 'Lokalpolitiet og ejendomskontoret oplever fortsat kørsel med knallert på stierne.',
      by: ['lokalpol'],
      minutes: 15,
      actions: [{ title: 'Forslag til chikaner på stien ved Tingbjergskolen', to: 'driftnv', days: 60 }],
    },
    {
      title: 'Fælles nyhedsbrev til beboerne',
      kind: A.DECISION,
      description: 'Forslag om et fælles nyhedsbrev fra partnerne fire gange om året, på papir og digitalt.',
      by: ['sek', 'helhed'],
      minutes: 15,
      decision: {
        text: 'Partnerskabet udgiver et fælles nyhedsbrev til beboerne fire gange om året på dansk, arabisk, somali og tyrkisk. Sekretariatet er redaktion; helhedsplanen står for omdeling.',
        responsible: ['sek', 'helhed'],
      },
      actions: [{ title: 'Indsamle bidrag til næste nummer af nyhedsbrevet', to: 'sek', days: 21 }],
    },
    {
      title: 'Opsøgende indsats over for unge på Ruten om aftenen',
      kind: A.DECISION,
      description: 'Forslag om fast opsøgende tilstedeværelse på Ruten torsdag til lørdag aften.',
      by: ['gade', 'lokalpol'],
      minutes: 20,
      decision: {
        text: 'Gadeplansteamet og fritidscentret er til stede på Ruten torsdag til lørdag kl. 19–23; lokalbetjentene koordinerer deres patruljer med teamet.',
        revised: 'Den opsøgende indsats på Ruten flyttes til onsdag–fredag, og Natteravnene overtager lørdag aften.',
        responsible: ['gade', 'fritc', 'lokalpol'],
        kle: '27.24.00',
        reviewMonths: 6,
      },
      actions: [{ title: 'Fælles vagtplan for aftenindsatsen på Ruten', to: 'gade', days: 14 }],
    },
    {
      title: 'Temadag for medarbejdere om rekruttering til kriminelle grupperinger',
      kind: A.DECISION,
      description: 'Forslag om temadag for frontmedarbejdere på tværs af partnerne.',
      by: ['sspbht', 'sek'],
      minutes: 15,
      decision: {
        text: 'Der holdes en temadag om tegn på rekruttering til kriminelle grupperinger for frontmedarbejdere fra skoler, klubber, gadeplan og boligsociale medarbejdere.',
        responsible: ['sek', 'sspbht', 'fbafd'],
        kle: '27.24.00',
      },
      actions: [
        { title: 'Booke oplægsholdere til temadagen', to: 'sek', days: 30 },
        { title: 'Invitere frontmedarbejdere til temadagen', to: 'sspbht', days: 30 },
      ],
    },
  ],
  ssp: [
    {
      title: 'Bekymringsbilledet: børn og unge under 18 år',
      kind: A.DISCUSSION,
      description: 'Fortroligt punkt. Drøftelse af aktuelle bekymringer for enkelte børn og unge efter retsplejelovens § 115.',
      by: ['sspbht', 'lokalpol'],
      confidential: true,
      minutes: 30,
      outcomes: [
        'Drøftelse af aktuelle bekymringer for en mindre gruppe unge. Oplysninger er udvekslet efter § 115 og noteret i sagerne; de fremgår ikke af referatet.',
        'Bekymringsbilledet er uændret. Der er aftalt koordinerede forældresamtaler i de drøftede sager.',
      ],
      actions: [{ title: 'Indkalde til koordinerede forældresamtaler i de drøftede sager', to: 'sspbht', days: 14 }],
    },
    {
      title: 'Underretninger fra skolerne: status',
      kind: A.INFORMATION,
      description: 'Fortroligt punkt. Børne- og Familiecentret orienterer om behandlingen af underretninger fra skolerne.',
      by: ['fc'],
      confidential: true,
      minutes: 15,
    },
    {
      title: 'Lokal SSP-handleplan {y}',
      kind: A.DECISION,
      description: 'Udkast til lokal handleplan for SSP Brønshøj-Husum-Tingbjerg.',
      by: ['sspbht'],
      minutes: 30,
      months: [1, 2, 8, 9],
      decision: {
        text: 'Lokaludvalget godkender den lokale SSP-handleplan for {y} med fokus på tidlig indsats over for 10–14-årige, forældreinddragelse og sikre fritidstilbud.',
        revised: 'Den lokale SSP-handleplan for {y} suppleres med en særlig indsats for 15–17-årige i risiko for rekruttering til kriminelle grupperinger.',
        responsible: ['sspbht', 'tingskole', 'husumvold', 'lokalpol', 'fc'],
        kle: '27.24.00',
        caseFile: true,
        reviewMonths: 12,
      },
      actions: [{ title: 'Præsentere handleplanen for skolernes ledelser', to: 'sspbht', days: 30 }],
    },
    {
      title: 'Undervisningsforløb om digital dannelse og billeddeling',
      kind: A.DECISION,
      description: 'SSP tilbyder undervisningsforløb for 7. klasse om digital dannelse og ulovlig deling af billeder.',
      by: ['sspbht'],
      minutes: 20,
      decision: {
        text: 'SSP tilbyder alle 7. klasser i lokalområdet et undervisningsforløb om digital dannelse og ulovlig billeddeling i {m}. Skolernes SSP-kontaktlærere koordinerer.',
        responsible: ['sspbht', 'tingskole', 'husumvold', 'bronskole', 'husumskole'],
        kle: '17.01.00',
      },
      actions: [{ title: 'Planlægge forløbet med skolernes SSP-kontaktlærere', to: 'sspbht', days: 30 }],
    },
    {
      title: 'Rekruttering af unge til kriminelle grupperinger',
      kind: A.DISCUSSION,
      description: 'Fortroligt punkt. Politiet orienterer om tegn på rekruttering af yngre drenge i området.',
      by: ['lokalpol'],
      confidential: true,
      minutes: 25,
      actions: [{ title: 'Opsøgende kontakt til forældre i de drøftede sager', to: 'fc', days: 14 }],
    },
    {
      title: 'Tryghed på skolevejen',
      kind: A.DISCUSSION,
      description: 'Forældre har henvendt sig om utryghed på skolevejen ved Husumvold Skole.',
      by: ['husumvold'],
      minutes: 15,
      actions: [{ title: 'Gennemgå skolevejen sammen med lokalbetjentene', to: 'husumvold', days: 21 }],
    },
    {
      title: 'Status på hashindsatsen og U-turn-forløb',
      kind: A.INFORMATION,
      description: 'Orientering om antal unge i forløb hos U-turn fra lokalområdet og erfaringer med tidlig opsporing.',
      by: ['fc', 'sspbht'],
      minutes: 15,
    },
    {
      title: 'Fælles indsats ved skolestart',
      kind: A.DECISION,
      description: 'Forslag om synlige voksne ved skolerne de første uger efter sommerferien.',
      by: ['sspbht'],
      minutes: 15,
      months: [5, 6, 8],
      decision: {
        text: 'I de første to uger efter skolestart er lokalbetjente, SSP og gadeplansmedarbejdere synlige ved skolerne i ydertimerne.',
        responsible: ['sspbht', 'lokalpol', 'gade'],
      },
      actions: [{ title: 'Vagtplan for synlige voksne ved skolestart', to: 'sspbht', days: 21 }],
    },
    {
      title: 'Retningslinjer for udveksling efter § 115',
      kind: A.DECISION,
      description: 'SSP København har opdateret retningslinjerne for udveksling af oplysninger.',
      by: ['sspbht'],
      minutes: 15,
      decision: {
        text: 'Lokaludvalget tilslutter sig SSP Københavns retningslinjer for udveksling af oplysninger efter retsplejelovens § 115, herunder at udveksling noteres i sagen og ikke i referatet.',
        responsible: ['sspbht'],
        kle: '27.24.00',
        caseFile: true,
      },
    },
    {
      title: 'Skolernes trivselsmålinger',
      kind: A.INFORMATION,
      description: 'Skolerne præsenterer hovedresultater fra den nationale trivselsmåling.',
      by: ['tingskole', 'husumvold'],
      minutes: 15,
      actions: [{ title: 'Sammenstille trivselsmålingernes resultater for udskolingen', to: 'sspbht', days: 30 }],
    },
    {
      title: 'Forældrecaféer i udskolingen',
      kind: A.DECISION,
      description: 'Forslag om forældrecaféer på skolerne med SSP, lokalbetjente og Bydelsmødrene.',
      by: ['sspbht', 'tingskole'],
      minutes: 15,
      decision: {
        text: 'Der holdes forældrecafé for forældre i udskolingen på Tingbjergskolen og Husumvold Skole to gange pr. semester med deltagelse af SSP, lokalbetjente og Bydelsmødrene.',
        revised: 'Forældrecaféerne flyttes til Tingbjerg Bibliotek og Kulturhus og udvides til også at omfatte forældre til elever i 5. klasse.',
        responsible: ['sspbht', 'tingskole', 'husumvold', 'bydm'],
        kle: '27.24.00',
        reviewMonths: 6,
      },
      actions: [{ title: 'Fastlægge datoer for forældrecaféerne', to: 'tingskole', days: 21 }],
    },
    {
      title: 'Ferieaktiviteter for 10–14-årige',
      kind: A.DECISION,
      description: 'Koordinering af ferieaktiviteter for de yngste i målgruppen.',
      by: ['fritc', 'sspbht'],
      minutes: 15,
      months: [1, 2, 5, 6, 9, 10],
      decision: {
        text: 'Fritidscentret og Ungdomsskolen tilrettelægger fælles ferieaktiviteter for 10–14-årige i den kommende skoleferie; SSP formidler tilbuddet via skolerne.',
        responsible: ['fritc', 'ungdskole', 'sspbht'],
      },
      actions: [{ title: 'Udsende ferieprogram for 10–14-årige via skolerne', to: 'fritc', days: 21 }],
    },
  ],
  drift: [
    {
      title: 'Hændelser siden sidst',
      kind: A.INFORMATION,
      description: 'Runde: politi, vagtordning, ejendomskontor og gadeplan fortæller om hændelser siden sidste møde.',
      by: ['lokalpol', 'securitas', 'ejdk'],
      minutes: 15,
      outcomes: [
        'Rolige uger. Enkelte episoder med knallertkørsel og en mindre brand i en containergård uden personskade.',
        'Et indbrud i kælderrum og hærværk på en elevator. Ejendomskontoret har anmeldt forholdene.',
        'Uro ved Ruten to aftener i træk; gadeplansteamet og lokalbetjentene var til stede. Ingen anholdelser.',
        'Stille periode. Vagtordningen har ikke registreret hændelser ud over støj i opgange.',
      ],
      actions: [
        { title: 'Udbedre hærværk registreret siden sidste møde', to: 'ejdk', days: 14 },
        { title: 'Følge op på episoderne ved Ruten med de unge', to: 'gade', days: 7 },
      ],
    },
    {
      title: 'Graffiti og hærværk: prioriteret oprydning',
      kind: A.DECISION,
      description: 'Forslag til fælles serviceniveau for fjernelse af graffiti og reparation efter hærværk.',
      by: ['ejdk'],
      minutes: 10,
      decision: {
        text: 'Graffiti med krænkende eller truende indhold fjernes inden for 24 timer; øvrig graffiti inden for en uge. Ejendomskontoret og Byens Drift deler området efter matrikelgrænsen.',
        revised: 'Serviceniveauet for graffiti skærpes: al graffiti på Ruten fjernes inden for 48 timer.',
        responsible: ['ejdk', 'driftnv'],
      },
      actions: [{ title: 'Fjerne graffiti i gangtunnellen ved Ruten', to: 'driftnv', days: 7 }],
    },
    {
      title: 'Defekt belysning',
      kind: A.DISCUSSION,
      description: 'Gennemgang af indmeldte fejl på belysning i området.',
      by: ['ejdk', 'driftnv'],
      minutes: 10,
      actions: [
        { title: 'Udskifte defekte lamper ved stien mod Husumvold', to: 'driftnv', days: 14 },
        { title: 'Reparere belysning i opgange og kældergange', to: 'ejdk', days: 14 },
      ],
    },
    {
      title: 'Vagtplan for weekenderne',
      kind: A.DISCUSSION,
      description: 'Tilpasning af vagtordningens og natteravnenes ruter efter de seneste hændelser.',
      by: ['securitas', 'natte'],
      minutes: 10,
      actions: [{ title: 'Tilpasse vagtruten efter seneste hændelser', to: 'securitas', days: 7 }],
    },
    {
      title: 'Unge samlet i opgange',
      kind: A.DISCUSSION,
      description: 'Beboere klager over grupper af unge i enkelte opgange om aftenen.',
      by: ['gade', 'ejdk'],
      minutes: 10,
      actions: [{ title: 'Gadeplansteamet tager kontakt til de unge i opgangene', to: 'gade', days: 10 }],
    },
    {
      title: 'Status på nattevandringer',
      kind: A.INFORMATION,
      description: 'Natteravnene orienterer om vandringer og observationer.',
      by: ['natte'],
      minutes: 5,
      actions: [{ title: 'Sende natteravnenes observationer til ejendomskontoret', to: 'natte', days: 7 }],
    },
    {
      title: 'Efterladte indkøbsvogne og storskrald ved Ruten',
      kind: A.DISCUSSION,
      description: 'Indkøbsvogne og storskrald giver et utrygt indtryk af butikstorvet.',
      by: ['handel', 'ejdk'],
      minutes: 10,
      actions: [{ title: 'Aftale med butikkerne om afhentning af indkøbsvogne', to: 'ejdk', days: 21 }],
    },
    {
      title: 'Fyrværkeri og oprydning efter nytår',
      kind: A.DISCUSSION,
      description: 'Erfaringer fra nytårsaften og oprydning af fyrværkeriaffald.',
      by: ['ejdk', 'lokalpol'],
      minutes: 10,
      months: [1],
      actions: [{ title: 'Oprydning af fyrværkeriaffald på legepladserne', to: 'ejdk', days: 7 }],
    },
    {
      title: 'Tilbagemelding fra beboermøde om tryghed',
      kind: A.INFORMATION,
      description: 'Boligsociale medarbejdere refererer beboernes input fra seneste beboermøde.',
      by: ['helhed'],
      minutes: 10,
      actions: [{ title: 'Svare beboerne på henvendelserne fra beboermødet', to: 'helhed', days: 14 }],
    },
    {
      title: 'Knallerter og biler på stierne',
      kind: A.DISCUSSION,
      description: 'Fortsat kørsel på stierne; behov for fysiske spærringer.',
      by: ['lokalpol', 'driftnv'],
      minutes: 10,
      actions: [{ title: 'Opsætte midlertidige spærringer på stien ved Ruten', to: 'driftnv', days: 21 }],
    },
    {
      title: 'Ekstra vagtdækning i weekenderne',
      kind: A.DECISION,
      description: 'Forslag om udvidet vagtdækning efter en række episoder fredag og lørdag nat.',
      by: ['securitas', 'helhed'],
      minutes: 10,
      decision: {
        text: 'Vagtordningen udvider dækningen fredag og lørdag til kl. 03 de næste seks uger; Natteravnene dækker Ruten til kl. 24.',
        revised: 'Den udvidede vagtdækning forlænges med seks uger og omfatter nu også torsdag nat.',
        responsible: ['securitas', 'natte'],
        reviewMonths: 2,
      },
      actions: [{ title: 'Ændre vagtplanen for fredag og lørdag', to: 'securitas', days: 7 }],
    },
    {
      title: 'Efterladte køretøjer på parkeringspladserne',
      kind: A.DECISION,
      description: 'Udbrændte og efterladte knallerter og biler på parkeringspladserne.',
      by: ['ejdk', 'lokalpol'],
      minutes: 10,
      decision: {
        text: 'Ejendomskontoret fjerner efterladte køretøjer efter 14 dages varsel; politiet kontaktes ved mistanke om tyveri.',
        responsible: ['ejdk', 'fsbtb', 'lokalpol'],
      },
      actions: [{ title: 'Opsætte varsel på efterladte køretøjer', to: 'ejdk', days: 7 }],
    },
    {
      title: 'Sikring af kælderrum efter indbrud',
      kind: A.DECISION,
      description: 'Gentagne indbrud i kælderrum i enkelte blokke.',
      by: ['ejdk', 'fsbtb'],
      minutes: 10,
      decision: {
        text: 'Kælderrum med gentagne indbrud sikres med nye låse og lys på bevægelsessensor; udgiften afholdes af afdelingernes driftsbudget.',
        responsible: ['ejdk', 'fsbtb'],
      },
      actions: [
        { title: 'Udskifte låse til kælderrum i de berørte blokke', to: 'ejdk', days: 30 },
        { title: 'Montere lys på bevægelsessensor i kældergangene', to: 'fsbtb', days: 45 },
      ],
    },
  ],
  netvaerk: [
    {
      title: 'Nyt fra foreningerne',
      kind: A.INFORMATION,
      description: 'Kort runde, hvor hver forening fortæller om aktiviteter og behov.',
      by: ['tbk', 'boks', 'bydm'],
      minutes: 30,
      outcomes: [
        'Boldklubben har fået to nye ungdomshold. Bokseklubben har venteliste. Bydelsmødrene starter ny gruppe for mødre med teenagere.',
        'Foreningerne melder om stigende medlemstal blandt piger. Lektiecaféen mangler frivillige om torsdagen.',
      ],
      actions: [{ title: 'Dele foreningernes aktiviteter i nyhedsbrevet', to: 'sek', days: 14 }],
    },
    {
      title: 'Fælles foreningsdag på Ruten',
      kind: A.DECISION,
      description: 'Forslag om en fælles foreningsdag med stande, opvisninger og prøvetræning.',
      by: ['helhed', 'kff'],
      minutes: 30,
      months: [2, 3, 4, 8, 9],
      decision: {
        text: 'Netværket afholder fælles foreningsdag på Ruten en lørdag i {m} med stande, opvisninger og gratis prøvetræning. Helhedsplanen koordinerer.',
        revised: 'Foreningsdagen flyttes til Tingbjerg Idrætsanlæg af hensyn til byggeriet ved Ruten; programmet er uændret.',
        responsible: ['helhed', 'kff', 'tbk', 'bibl'],
        reviewMonths: 3,
      },
      actions: [
        { title: 'Søge midler fra Kultur- og Fritidsforvaltningens puljer til foreningsdagen', to: 'helhed', days: 30 },
        { title: 'Koordinere stande og program for foreningsdagen', to: 'kff', days: 45 },
      ],
    },
    {
      title: 'Frivillige trænere og børneattester',
      kind: A.INFORMATION,
      description: 'Kultur- og Fritidsforvaltningen orienterer om reglerne for børneattester og hjælp til foreningerne.',
      by: ['kff'],
      minutes: 15,
    },
    {
      title: 'Lokaler og haltider til foreningerne',
      kind: A.DISCUSSION,
      description: 'Foreningerne mangler haltider om vinteren.',
      by: ['idraet'],
      minutes: 20,
      actions: [{ title: 'Opgøre ledige haltider i Tingbjerg Idrætsanlæg', to: 'idraet', days: 30 }],
    },
    {
      title: 'Lektiecafé og bibliotekets åbningstider',
      kind: A.DISCUSSION,
      description: 'Koordinering af lektiecaféens tider med bibliotekets betjente åbningstid.',
      by: ['lektie', 'bibl'],
      minutes: 15,
    },
    {
      title: 'Brobygning: unge fra fritidscentret ind i foreningerne',
      kind: A.DECISION,
      description: 'Forslag om en fast brobygningsordning mellem fritidscentret og foreningerne.',
      by: ['fritc'],
      minutes: 20,
      decision: {
        text: 'Der etableres en fast brobygningsordning, hvor fritidscentrets medarbejdere følger nye unge til de første tre træninger i en forening.',
        revised: 'Brobygningsordningen udvides til også at omfatte Husum Boldklub og Ungdomsskolens aftenhold.',
        responsible: ['fritc', 'tbk', 'boks', 'husbk'],
        reviewMonths: 6,
      },
      actions: [{ title: 'Aftale kontaktpersoner i hver forening til brobygningsordningen', to: 'fritc', days: 30 }],
    },
    {
      title: 'Bydelsmødrenes arbejde med forældrenetværk',
      kind: A.INFORMATION,
      description: 'Bydelsmødrene fortæller om netværksgrupperne for forældre.',
      by: ['bydm'],
      minutes: 15,
    },
    {
      title: 'Julearrangement i Tingbjerg',
      kind: A.DECISION,
      description: 'Planlægning af fælles julearrangement for børnefamilier.',
      by: ['kirke', 'helhed'],
      minutes: 20,
      months: [9, 10, 11],
      decision: {
        text: 'Der holdes fælles julearrangement for børnefamilier i kirken og kulturhuset lørdag før 1. søndag i advent.',
        responsible: ['kirke', 'bibl', 'helhed'],
      },
      actions: [{ title: 'Invitationer til julearrangementet på fem sprog', to: 'helhed', days: 30 }],
    },
    {
      title: 'Fælles kalender for foreningernes aktiviteter',
      kind: A.DECISION,
      description: 'Foreningerne ønsker ét sted at se hinandens aktiviteter.',
      by: ['helhed', 'bibl'],
      minutes: 15,
      decision: {
        text: 'Foreningerne lægger deres aktiviteter i den fælles kalender på helhedsplanens hjemmeside; biblioteket viser kalenderen på skærmen i foyeren.',
        responsible: ['helhed', 'bibl'],
      },
      actions: [{ title: 'Oprette adgang til kalenderen for alle foreninger', to: 'helhed', days: 21 }],
    },
  ],
  akut: [
    {
      title: 'Aktuelt situationsbillede',
      kind: A.INFORMATION,
      description: 'Fortroligt punkt. Politiet og gadeplansteamet giver et aktuelt billede af konflikter og uro i området.',
      by: ['lokalpol', 'bellahoej'],
      confidential: true,
      minutes: 15,
      outcomes: [
        'Politiet gav et aktuelt situationsbillede. Ingen akutte konflikter; enkelte uroligheder ved Ruten følges tæt.',
        'Situationen er rolig. Gadeplansteamet har kontakt til de grupper, der tidligere har været i konflikt.',
        'Spændinger mellem to grupper af unge følges. Der er aftalt øget tilstedeværelse de næste weekender.',
      ],
      actions: [{ title: 'Øget tilstedeværelse de kommende weekender', to: 'lokalpol', days: 10 }],
    },
    {
      title: 'Beredskabsplan ved alvorlige hændelser',
      kind: A.DECISION,
      description: 'Opdatering af beredskabsplan, kontaktliste og telefonkæde.',
      by: ['sek'],
      minutes: 20,
      decision: {
        text: 'Akutgruppen vedtager den opdaterede beredskabsplan. Telefonkæden aktiveres af politiet eller tryghedskoordinatoren, og akutgruppen mødes senest næste morgen kl. 8 efter en alvorlig hændelse.',
        revised: 'Beredskabsplanen ændres, så akutgruppen mødes senest 12 timer efter en alvorlig hændelse, og helhedsplanen står for information til beboerne.',
        responsible: ['sek', 'lokalpol', 'sspbht', 'fc', 'helhed'],
        kle: '27.24.00',
        caseFile: true,
        reviewMonths: 12,
      },
      actions: [{ title: 'Opdatere kontaktlisten og teste telefonkæden', to: 'sek', days: 14 }],
    },
    {
      title: 'Test af telefonkæden',
      kind: A.INFORMATION,
      description: 'Resultat af den seneste test af telefonkæden.',
      by: ['sek'],
      minutes: 5,
      outcomes: ['Alle på nær to blev nået inden for en time. Kontaktoplysninger er rettet.', 'Telefonkæden virkede; alle blev nået inden for 40 minutter.'],
    },
    {
      title: 'Rygter på sociale medier',
      kind: A.DISCUSSION,
      description: 'Hvordan reagerer partnerskabet, når rygter om hændelser spreder sig på sociale medier?',
      by: ['gade', 'helhed'],
      minutes: 15,
      actions: [{ title: 'Aftale fælles linje for kommunikation på sociale medier ved hændelser', to: 'helhed', days: 30 }],
    },
    {
      title: 'Konfliktmægling mellem grupper af unge',
      kind: A.DISCUSSION,
      description: 'Fortroligt punkt. Mulighed for mægling i en verserende konflikt.',
      by: ['gade', 'sspbht'],
      confidential: true,
      minutes: 15,
      actions: [{ title: 'Tilbyde konfliktmægling via gadeplansteamet', to: 'gade', days: 14 }],
    },
    {
      title: 'Opfølgning på uro ved fritidscentret',
      kind: A.DISCUSSION,
      description: 'Fortroligt punkt. Fritidscentret og politiet gennemgår episoderne og de aftalte tiltag.',
      by: ['fritc', 'lokalpol'],
      confidential: true,
      minutes: 15,
    },
    {
      title: 'Visitationszone: erfaringer og tilbagemeldinger fra beboerne',
      kind: A.INFORMATION,
      description: 'Politiet orienterer om erfaringerne med den seneste visitationszone.',
      by: ['bellahoej'],
      minutes: 10,
    },
    {
      title: 'Fælles vandring efter uro i området',
      kind: A.DECISION,
      description: 'Fast procedure for fælles vandring, når der har været uro.',
      by: ['sek', 'lokalpol'],
      minutes: 10,
      decision: {
        text: 'Efter uro i området gennemføres en fælles vandring med lokalbetjente, gadeplansmedarbejdere og boligsociale medarbejdere senest dagen efter kl. 17.',
        revised: 'Den fælles vandring efter uro suppleres med en dør-til-dør-runde i de berørte opgange samme aften.',
        responsible: ['sek', 'lokalpol', 'gade', 'helhed'],
        kle: '27.24.00',
      },
      actions: [{ title: 'Beskrive proceduren for fælles vandring i beredskabsplanen', to: 'sek', days: 14 }],
    },
    {
      title: 'Mødested for akutgruppen',
      kind: A.DECISION,
      description: 'Station Bellahøj er ikke altid tilgængelig tidligt om morgenen.',
      by: ['sek'],
      minutes: 5,
      decision: {
        text: 'Akutmøder holdes i Tingbjerg Fritidscenter, når Station Bellahøj ikke er tilgængelig; fritidscentrets leder sørger for adgang fra kl. 7.',
        responsible: ['sek', 'fritc'],
      },
    },
  ],
  unge: [
    {
      title: 'Gennemgang af forløb for unge 15–25 år',
      kind: A.DISCUSSION,
      description: 'Fortroligt punkt. Gennemgang af aktuelle forløb efter retsplejelovens § 115.',
      by: ['ssppl'],
      confidential: true,
      minutes: 45,
      outcomes: [
        'Teamet gennemgik de aktuelle forløb. Oplysninger er udvekslet efter § 115 og noteret i sagerne, ikke i referatet.',
        'Gennemgang af forløb; to unge er startet på uddannelse, én er afsluttet. Detaljer fremgår af sagerne.',
      ],
      actions: [{ title: 'Koordinere handleplaner i de gennemgåede forløb', to: 'ssppl', days: 14 }],
    },
    {
      title: 'Nye henvisninger',
      kind: A.INFORMATION,
      description: 'Fortroligt punkt. Nye henvisninger fra politi, Børne- og Familiecentret og Kriminalforsorgen.',
      by: ['fc', 'lokalpol', 'krimfors'],
      confidential: true,
      minutes: 15,
      actions: [{ title: 'Indkalde de nye unge til opstartsmøde', to: 'ssppl', days: 7 }],
    },
    {
      title: 'Mentorordningen: kapacitet og matchning',
      kind: A.DISCUSSION,
      description: 'Ungeindsatsen har venteliste til mentorer.',
      by: ['ungei'],
      minutes: 15,
      actions: [{ title: 'Matche nye unge med mentorer', to: 'ungei', days: 21 }],
    },
    {
      title: 'Uddannelsesparathed og brobygning til erhvervsuddannelser',
      kind: A.INFORMATION,
      description: 'UU orienterer om brobygningsforløb og optag på erhvervsuddannelserne.',
      by: ['uu'],
      minutes: 15,
    },
    {
      title: 'Exit-forløb: status',
      kind: A.INFORMATION,
      description: 'Fortroligt punkt. Status på exit-forløb og samarbejdet med Kriminalforsorgen.',
      by: ['fbafd', 'krimfors'],
      confidential: true,
      minutes: 15,
    },
    {
      title: 'Fritidsjob som vej ind på arbejdsmarkedet',
      kind: A.DISCUSSION,
      description: 'Hvordan kan flere unge fra teamets forløb komme i fritidsjob?',
      by: ['helhed'],
      minutes: 15,
      actions: [{ title: 'Formidle fritidsjob til unge fra teamets forløb', to: 'helhed', days: 30 }],
    },
    {
      title: 'Fælles arbejdsgang for løsladte unge',
      kind: A.DECISION,
      description: 'Forslag til fast arbejdsgang, når en ung løslades til området.',
      by: ['krimfors', 'ssppl'],
      minutes: 20,
      decision: {
        text: 'Teamet følger en fast arbejdsgang for løsladte unge: udslusningsmøde før løsladelse, kontakt til jobcentret inden for fem hverdage og tilbud om mentor samme uge.',
        revised: 'Arbejdsgangen for løsladte unge suppleres med kontakt til U-turn ved rusmiddelproblemer og en opfølgning efter tre måneder.',
        responsible: ['krimfors', 'ssppl', 'ungei', 'fc'],
        kle: '27.24.00',
        caseFile: true,
        reviewMonths: 6,
      },
      actions: [{ title: 'Beskrive arbejdsgangen for løsladte unge i et fælles notat', to: 'ssppl', days: 21 }],
    },
    {
      title: 'Rusmiddelproblematikker blandt unge i forløb',
      kind: A.DISCUSSION,
      description: 'U-turn orienterer om tilbud og drøfter henvisning af unge fra teamets forløb.',
      by: ['uturn'],
      minutes: 15,
    },
    {
      title: 'Sommerjob til unge i forløb',
      kind: A.DECISION,
      description: 'Forslag om at reservere sommerjob hos helhedsplanens netværk af virksomheder.',
      by: ['helhed', 'ungei'],
      minutes: 15,
      months: [2, 3, 4, 5],
      decision: {
        text: 'Teamet reserverer ti sommerjob til unge i forløb i samarbejde med helhedsplanens virksomhedsnetværk; mentorerne følger op hver uge.',
        responsible: ['helhed', 'ungei', 'jobtb'],
      },
      actions: [{ title: 'Indgå aftaler om sommerjob med virksomhederne', to: 'jobtb', days: 30 }],
    },
    {
      title: 'Fast kontaktperson i Ungeindsatsen',
      kind: A.DECISION,
      description: 'Unge i teamets forløb oplever mange skift i sagsbehandlere.',
      by: ['ungei'],
      minutes: 10,
      decision: {
        text: 'Unge i teamets forløb får én fast kontaktperson i Ungeindsatsen, som deltager i teamets møder hver anden gang.',
        revised: 'Den faste kontaktperson i Ungeindsatsen deltager nu i alle teamets møder, og ordningen udvides til unge op til 30 år.',
        responsible: ['ungei'],
        kle: '15.20.00',
        reviewMonths: 6,
      },
      actions: [{ title: 'Udpege faste kontaktpersoner og orientere de unge', to: 'ungei', days: 14 }],
    },
    {
      title: 'Boligsituationen for unge i forløb',
      kind: A.DISCUSSION,
      description: 'Flere unge i teamets forløb har ingen fast bopæl.',
      by: ['ungei', 'fc'],
      minutes: 15,
      actions: [{ title: 'Afklare muligheder for ungdomsboliger via den kommunale boliganvisning', to: 'ungei', days: 30 }],
    },
  ],
};

/** Items added to the forum's next meeting after the extraordinary meeting. */
export const INCIDENT = {
  title: 'Ekstraordinært møde: Skudepisode ved Ruten',
  location: 'Station Bellahøj, mødelokale 3',
  minutesNotes:
    'Ekstraordinært møde indkaldt af politiet efter skudepisoden ved Ruten aftenen før. Der var ingen tilskadekomne beboere. ' +
    'Akutgruppen aftalte en samlet indsats for de næste 72 timer og en fælles tryghedsvandring dagen efter.',
  items: [
    {
      title: 'Situationsbillede: hvad er der sket?',
      kind: A.INFORMATION,
      description: 'Fortroligt punkt. Politiet orienterer om hændelsesforløbet ved Ruten i går aftes.',
      by: ['bellahoej', 'lokalpol'],
      confidential: true,
      minutes: 15,
      outcomes: [
        'Politiet orienterede om hændelsesforløbet. Ingen beboere kom til skade; efterforskningen pågår, og politiet overvejer en visitationszone.',
      ],
    },
    {
      title: 'Hvem gør hvad de næste 72 timer',
      kind: A.DECISION,
      description: 'Fordeling af opgaver mellem politi, gadeplan, fritidscenter og helhedsplan.',
      by: ['sek'],
      minutes: 25,
      decision: {
        text: 'Akutgruppen iværksætter en samlet indsats de næste 72 timer: øget tilstedeværelse af lokalbetjente og gadeplansmedarbejdere på Ruten, åbent fritidscenter til kl. 23 og fælles information til beboerne.',
        responsible: ['lokalpol', 'gade', 'fritc', 'helhed'],
        kle: '27.24.00',
        caseFile: true,
      },
      actions: [
        { title: 'Udvidet åbningstid i Tingbjerg Fritidscenter til kl. 23 i tre dage', to: 'fritc', days: 0 },
        { title: 'Informationsbrev til beboerne på dansk, arabisk, somali og tyrkisk', to: 'helhed', days: 1 },
        { title: 'Kontakt til forældre til unge i risikogruppen via SSP', to: 'sspbht', days: 2 },
      ],
    },
    {
      title: 'Fælles tryghedsvandring i morgen kl. 17',
      kind: A.DECISION,
      description: 'Forslag om en fælles vandring i området med partnere og beboere dagen efter.',
      by: ['sek'],
      minutes: 15,
      decision: {
        text: 'Der gennemføres en fælles tryghedsvandring i morgen kl. 17 fra Tingbjerg Fritidscenter med politi, gadeplan, helhedsplan, ejendomskontor og beboerrepræsentanter.',
        responsible: ['sek', 'lokalpol', 'helhed', 'ejdk'],
      },
      actions: [{ title: 'Planlægge rute og mødested for tryghedsvandringen', to: 'sek', days: 1 }],
    },
    {
      title: 'Kommunikation til presse og på sociale medier',
      kind: A.DISCUSSION,
      description: 'Hvem udtaler sig, og hvordan imødegås rygter?',
      by: ['helhed'],
      minutes: 15,
      outcomes: ['Politiet udtaler sig om efterforskningen; tryghedskoordinatoren om partnerskabets indsats. Helhedsplanen følger de lokale Facebook-grupper.'],
    },
  ] as AgendaTemplate[],
  followUp: {
    title: 'Opfølgning på skudepisoden ved Ruten',
    kind: A.INFORMATION,
    description: 'Status på indsatsen efter skudepisoden og erfaringer fra tryghedsvandringen.',
    by: ['sek', 'lokalpol'],
    minutes: 15,
    outcomes: ['Indsatsen efter skudepisoden blev gennemgået. Beboerne har taget godt imod tryghedsvandringen; der er ikke registreret nye episoder.'],
  } as AgendaTemplate,
};

export const CANCELLATIONS = [
  { forum: 'koord', daysAgo: 210, reason: 'Aflyst på grund af sygdom og mange afbud. Punkterne flyttes til næste møde.' },
  { forum: 'netvaerk', daysAgo: 125, reason: 'Aflyst – salen i kulturhuset er utilgængelig efter vandskade.' },
];

export const PARTNERSHIP = {
  name: 'Tryghedspartnerskabet Tingbjerg-Husum',
  area: 'Tingbjerg og Husum, Brønshøj-Husum bydel, København NV',
  purpose:
    'At skabe tryghed og forebygge kriminalitet i Tingbjerg-Husum gennem systematisk videndeling og koordinerede indsatser på tværs af ' +
    'forvaltninger, politi, boligorganisationer, skoler, foreninger og erhvervsliv – med et fast mødeforum til aktuelle problemer og langsigtede løsninger, ' +
    'hurtig samling af nøgleaktørerne ved akutte hændelser og klar opfølgning på, hvem der har lovet hvad.',
};
