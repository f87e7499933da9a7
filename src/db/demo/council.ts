import type { PeriodScheme } from '../../domain/plan-years.ts';
import type { ActionKind, OrgUnitKind, PlanKind, UserRole } from '../../domain/vocabulary.ts';

// The demo council: an invented English district, written in the shapes of real council papers
// (a 2015/16 service action plan, a 2018/19 department business plan and a smaller service
// improvement plan) so that a new install has something true-to-life to click through.
// Everything refers to everything else by short code, key or pledge number; the loader in
// src/services/demo.ts turns those into ids through the ordinary services.

export const DEMO_PASSWORD = 'demo-password-2026';

const DOMAIN = 'brackenmoor.gov.uk';
const email = (local: string) => `${local}@${DOMAIN}`;

export const DEMO_COUNCIL = {
  slug: 'demo',
  name: 'Brackenmoor District Council',
  domain: DOMAIN,
  yearStartMonth: 4,
  actionRoles: ['Community Leadership', 'Service Provider / Commissioner / Manager', 'Enabler'],
} as const;

// Organisation ------------------------------------------------------------------------------

export interface DemoUnit {
  code: string;
  name: string;
  kind: OrgUnitKind;
  parent: string | null; // parent's code; parents come first
}

export const DEMO_UNITS: readonly DemoUnit[] = [
  { code: 'CEX', name: "Chief Executive's Department", kind: 'directorate', parent: null },
  { code: 'CEC', name: 'Communications, Engagement and Culture', kind: 'service', parent: 'CEX' },
  { code: 'CECCOM', name: 'Communications Team', kind: 'team', parent: 'CEC' },
  { code: 'CECENG', name: 'Engagement and Partnerships Team', kind: 'team', parent: 'CEC' },
  { code: 'CECPLH', name: 'Kettleford Playhouse', kind: 'team', parent: 'CEC' },
  { code: 'DEM', name: 'Democratic Services', kind: 'service', parent: 'CEX' },
  { code: 'DEMSCR', name: 'Scrutiny and Committee Team', kind: 'team', parent: 'DEM' },
  { code: 'ELE', name: 'Electoral Services', kind: 'service', parent: 'CEX' },
  { code: 'LEG', name: 'Legal Services', kind: 'service', parent: 'CEX' },
  { code: 'PAR', name: 'Performance and Risk', kind: 'service', parent: 'CEX' },
  { code: 'POL', name: 'Policy and Intelligence', kind: 'service', parent: 'CEX' },
  { code: 'POLINS', name: 'Insight and Data Team', kind: 'team', parent: 'POL' },
  { code: 'CIV', name: 'Civic Office', kind: 'service', parent: 'CEX' },
  { code: 'BES', name: 'Business and Executive Support', kind: 'service', parent: 'CEX' },
  { code: 'RES', name: 'Resources', kind: 'directorate', parent: null },
  { code: 'FIN', name: 'Finance and Revenues', kind: 'service', parent: 'RES' },
  { code: 'HRO', name: 'Human Resources and Organisational Development', kind: 'service', parent: 'RES' },
  { code: 'ASM', name: 'Asset Management', kind: 'service', parent: 'RES' },
  { code: 'ICT', name: 'Digital and ICT', kind: 'service', parent: 'RES' },
  { code: 'NCS', name: 'Neighbourhoods and Communities', kind: 'directorate', parent: null },
  { code: 'LEI', name: 'Leisure and Wellbeing', kind: 'service', parent: 'NCS' },
  { code: 'CUS', name: 'Customer Services', kind: 'service', parent: 'NCS' },
  { code: 'WAS', name: 'Waste and Street Scene', kind: 'service', parent: 'NCS' },
];

export interface DemoPerson {
  name: string;
  jobTitle: string;
  email: string;
  unit: string;
}

const person = (name: string, jobTitle: string, unit: string): DemoPerson => ({
  name,
  jobTitle,
  email: email(name.toLowerCase().replace(/[^a-z]+/g, '.')),
  unit,
});

// Job titles are unique, so a lead officer written as a job title links to the person holding it.
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  person('Rebecca Thornley', 'Chief Executive', 'CEX'),
  person('Claire Ashworth', 'Head of Communications, Engagement and Culture', 'CEC'),
  person('Daniel Okafor', 'Communications Team Leader', 'CECCOM'),
  person('Sophie Lund', 'Digital Communications Officer', 'CECCOM'),
  person('Priya Raman', 'Engagement and Partnerships Team Leader', 'CECENG'),
  person('Martin Fairbairn', 'Director of Kettleford Playhouse', 'CECPLH'),
  person('Graham Pennington', 'Head of Democratic Services', 'DEM'),
  person('Aisha Begum', 'Scrutiny Officer', 'DEMSCR'),
  person('Lucy Hargreaves', 'Electoral Services Manager', 'ELE'),
  person('Jonathan Reeve', 'Head of Legal Services and Monitoring Officer', 'LEG'),
  person('Nadia Kowalski', 'Performance and Risk Manager', 'PAR'),
  person('Tom Whitfield', 'Performance Officer', 'PAR'),
  person('Sarah Delaney', 'Head of Policy and Intelligence', 'POL'),
  person('Ravi Chandran', 'Insight and Data Lead', 'POLINS'),
  person('Joanne Pryce', 'Civic Officer', 'CIV'),
  person('Kerry Blackwood', 'Business Support Manager', 'BES'),
  person('Michael Osei', 'Director of Resources', 'RES'),
  person('Fiona Gallagher', 'Head of Human Resources and Organisational Development', 'HRO'),
  person('Stuart Lamb', 'Asset Management Manager', 'ASM'),
  person('Emma Crossley', 'Leisure and Wellbeing Manager', 'LEI'),
  person('Paul Nadeem', 'Customer Services Manager', 'CUS'),
];

export interface DemoAccount {
  email: string;
  name: string;
  role: UserRole;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: email('admin'), name: 'Demo Administrator', role: 'admin' },
  { email: email('tom.whitfield'), name: 'Tom Whitfield', role: 'performance_officer' },
  { email: email('claire.ashworth'), name: 'Claire Ashworth', role: 'head_of_service' },
  { email: email('daniel.okafor'), name: 'Daniel Okafor', role: 'lead_officer' },
  { email: email('cllr.margaret.ellison'), name: 'Councillor Margaret Ellison', role: 'viewer' },
];

// Corporate plan ----------------------------------------------------------------------------

export const DEMO_CORPORATE_PLAN = {
  title: 'Brackenmoor Corporate Plan 2015 to 2020',
  periodLabel: '2015–2020',
  vision:
    'A district of thriving market towns and living villages, where people are healthy and involved in their community, ' +
    'businesses can grow, and the council is trusted to spend public money well.',
  values: [
    'Open – we explain our decisions and publish how well we are doing, good news or bad',
    'Fair – we treat everyone with respect and target help where it makes the biggest difference',
    'Enterprising – we look for new ways to do more with less, and to earn income that protects services',
    'Together – we work alongside residents, parish councils and partners instead of doing things to them',
    'Accountable – we own our performance and learn quickly when things go wrong',
  ],
};

export interface DemoPriority {
  key: string;
  title: string;
  strapline: string;
  description: string | null;
  parent: string | null;
}

export const DEMO_PRIORITIES: readonly DemoPriority[] = [
  {
    key: 'people',
    title: 'People',
    strapline: 'Services that are easy to reach and fair to all, and a chance for everyone to play their part',
    description: 'Helping residents to stay well, connected and involved, with extra support for those who need it.',
    parent: null,
  },
  {
    key: 'healthy',
    title: 'Healthy and active lives',
    strapline: 'More residents active, well and less isolated',
    description: 'Sport, leisure and community activity that keeps people of every age moving and in touch.',
    parent: 'people',
  },
  {
    key: 'place',
    title: 'Place',
    strapline: 'A clean, safe and attractive district that residents are proud to call home',
    description: 'Looking after our streets, open spaces, heritage and the character of our towns and villages.',
    parent: null,
  },
  {
    key: 'prosperity',
    title: 'Prosperity',
    strapline: 'A growing local economy with good jobs, skills and homes people can afford',
    description: 'Backing local businesses, reviving town centres and enabling the homes the district needs.',
    parent: null,
  },
  {
    key: 'council',
    title: 'A well-run council',
    strapline: 'A council that listens, spends wisely and is open about its performance',
    description: 'Good governance, sound finances and a skilled, motivated workforce.',
    parent: null,
  },
  {
    key: 'listening',
    title: 'Listening to residents',
    strapline: 'Residents have a real say in the decisions that affect them',
    description: null,
    parent: 'council',
  },
];

export interface DemoPledge {
  number: number;
  text: string;
  priority: string; // priority key
}

export const DEMO_PLEDGES: readonly DemoPledge[] = [
  { number: 1, text: 'Make every common council service available online, with help in person for those who need it', priority: 'people' },
  { number: 2, text: 'Help 500 residents a year to start volunteering in their community', priority: 'people' },
  { number: 3, text: 'Work with health partners to reduce loneliness among older residents in rural areas', priority: 'healthy' },
  { number: 4, text: 'Increase the number of adults who are active for at least 150 minutes a week', priority: 'healthy' },
  { number: 5, text: 'Keep our streets, parks and open spaces clean and cut contamination in recycling', priority: 'place' },
  { number: 6, text: 'Protect the character of our market towns and villages through good planning', priority: 'place' },
  { number: 7, text: "Reduce the council's own carbon emissions by a third by 2020", priority: 'place' },
  { number: 8, text: "Celebrate the district's heritage and culture with a year-round events programme", priority: 'place' },
  { number: 9, text: 'Help 100 new businesses to start up in the district each year', priority: 'prosperity' },
  { number: 10, text: 'Bring empty shops in Kettleford, Hollinsby and Wetherstow back into use', priority: 'prosperity' },
  { number: 11, text: 'Enable 2,000 new homes by 2020, at least a quarter of them affordable', priority: 'prosperity' },
  { number: 12, text: 'Keep our share of council tax among the lowest quarter of district councils', priority: 'council' },
  { number: 13, text: 'Publish progress against every pledge twice a year, in plain English', priority: 'council' },
  { number: 14, text: 'Answer enquiries from residents and councillors fully and on time', priority: 'council' },
  { number: 15, text: 'Make sure every eligible resident is registered to vote', priority: 'listening' },
  { number: 16, text: 'Ask residents for their views before major decisions on budgets and services', priority: 'listening' },
  { number: 17, text: 'Invest in the skills and wellbeing of our staff', priority: 'council' },
];

// Plan years --------------------------------------------------------------------------------

export const DEMO_YEARS: readonly { label: string; scheme: PeriodScheme }[] = [
  { label: '2015/16', scheme: 'quarters' },
  { label: '2018/19', scheme: 'halves' },
];

// Service plans -----------------------------------------------------------------------------

export interface DemoAction {
  code: string;
  title: string;
  role?: string;
  target?: string;
  outcome?: string;
  criticalSuccessFactors?: string;
  environmentalImpacts?: string;
  kind: ActionKind;
  startDate?: string;
  dueDate: string;
  leads: string[]; // names or job titles, one lead officer per entry
  impacts?: string[]; // unit codes (linked) or other services and bodies in words
  partnerships?: string[];
  priorities?: string[]; // priority keys
  pledges?: number[];
  carriedFrom?: string; // code of an earlier action this one continues
}

export interface DemoObjective {
  number: string | null;
  goal?: string; // strategic goal number
  title: string;
  why?: string;
  priorities: string[];
  pledges: number[];
  actions: DemoAction[];
}

export interface DemoPlan {
  unit: string;
  year: string;
  title: string;
  kind: PlanKind;
  vision?: string;
  purpose?: string;
  statutoryDuties?: string;
  areasOfFocus?: string;
  goals: { number: string; title: string }[];
  objectives: DemoObjective[];
}

type Draft = Omit<DemoAction, 'code'>;
type DraftObjective = Omit<DemoObjective, 'actions'> & { actions: Draft[] };

/** Numbers the actions of a plan in order (`18-CEX01`, `18-CEX02` …), as the councils' own tables do. */
function withCodes(prefix: string, objectives: DraftObjective[]): DemoObjective[] {
  let n = 0;
  return objectives.map((o) => ({ ...o, actions: o.actions.map((a) => ({ code: `${prefix}${String(++n).padStart(2, '0')}`, ...a })) }));
}

const [LEADER, PROVIDER, ENABLER] = DEMO_COUNCIL.actionRoles;

/** A 2015/16 action-plan table: unnumbered objective headings, every description field filled in. */
const CEC_2015: DemoPlan = {
  unit: 'CEC',
  year: '2015/16',
  title: 'Communications, Engagement and Culture Service Plan 2015/16',
  kind: 'action_plan',
  purpose:
    'We keep residents informed about the council and its services, help communities to organise and speak up for themselves, ' +
    'and run the Kettleford Playhouse as the cultural heart of the district.',
  goals: [],
  objectives: withCodes('15-CEC', [
    {
      number: null,
      title: 'Grow community involvement and volunteering',
      priorities: ['people'],
      pledges: [2],
      actions: [
        {
          title: 'Run clear, impartial communications around the May 2015 district and parish election results.',
          role: LEADER,
          target: 'Every result on the website and social media within an hour of its declaration.',
          outcome: 'Residents get the results quickly from a source they trust.',
          criticalSuccessFactors: 'Keeping strictly to the pre-election publicity rules; close working with the count team.',
          environmentalImpacts: 'N/A',
          kind: 'one_off',
          startDate: '2015-04-01',
          dueDate: '2015-05-08',
          leads: ['Communications Team Leader'],
          impacts: ['ELE'],
          partnerships: ['None'],
        },
        {
          title: 'Set up a staff volunteering scheme giving officers up to two working days a year for community and environmental projects.',
          role: LEADER,
          target: 'Scheme agreed by the senior management team and at least 40 staff taking part in the first year.',
          outcome: 'Practical help for local groups and stronger links between staff and the communities they serve.',
          criticalSuccessFactors: 'Managers willing to release staff; a simple way for groups to ask for volunteers.',
          environmentalImpacts: 'Some projects will be litter picks and habitat work, with a small benefit to the local environment.',
          kind: 'one_off',
          startDate: '2015-06-01',
          dueDate: '2016-03-01',
          leads: ['Communications Team Leader', 'Engagement and Partnerships Team Leader', 'Head of Human Resources and Organisational Development'],
          impacts: ['HRO'],
          partnerships: ['Brackenmoor Community Strategy'],
          pledges: [2, 17],
        },
        {
          title: 'Launch a small grants scheme for resident-led projects in the three market towns, with local panels deciding the awards.',
          role: LEADER,
          target: 'A panel running in each town and twelve projects funded by March 2016.',
          outcome: 'More residents taking an active part in improving their own neighbourhood.',
          criticalSuccessFactors: 'Enough volunteers for the panels; grants budget confirmed in the 2015/16 budget.',
          environmentalImpacts: 'Applicants will be asked how their project cuts waste or energy use, where that applies.',
          kind: 'one_off',
          dueDate: '2016-03-31',
          leads: ['Priya Raman'],
          impacts: ['FIN', 'Town and parish councils'],
          partnerships: ['Brackenmoor Community Strategy'],
        },
      ],
    },
    {
      number: null,
      title: 'Put residents and customers at the heart of how we communicate',
      priorities: ['council', 'listening'],
      pledges: [1, 16],
      actions: [
        {
          title: 'Deliver the first year of the internal communications strategy, including a weekly staff bulletin and quarterly briefings by the Chief Executive.',
          role: PROVIDER,
          target: 'Bulletin issued every week without a gap; four all-staff briefings held.',
          outcome: "Staff understand the council's priorities and feel better informed about change.",
          criticalSuccessFactors: 'Managers passing messages on to their teams; senior leaders making time for the briefings.',
          environmentalImpacts: 'Moving the bulletin online saves around 6,000 sheets of paper a year.',
          kind: 'ongoing',
          startDate: '2015-04-01',
          dueDate: '2016-03-31',
          leads: ['Communications Team Leader'],
          impacts: ['HRO', 'ICT'],
          partnerships: ['None'],
        },
        {
          title: "Carry out a residents' survey and publish what we heard and what we will change as a result.",
          role: LEADER,
          target: 'At least 1,500 responses, with the findings reported to councillors by December 2015.',
          outcome: "Budget and service decisions informed by current residents' views.",
          criticalSuccessFactors: 'A representative sample, including younger people and residents of outlying villages.',
          environmentalImpacts: 'Online first, with paper copies only on request.',
          kind: 'milestone',
          dueDate: '2015-12-18',
          leads: ['Engagement and Partnerships Team Leader', 'Head of Policy and Intelligence'],
          impacts: ['POL', 'PAR'],
          partnerships: ['Brackenmoor Community Strategy'],
          pledges: [16],
        },
        {
          title: 'Rebuild the council website so that the twenty most requested services can be reported, applied for or paid for online.',
          role: PROVIDER,
          target: 'Twenty online forms live, each tested with residents before launch.',
          outcome: 'A quicker service for residents and fewer avoidable phone calls.',
          criticalSuccessFactors: 'Time from the ICT team; each service agreeing to redesign its process rather than copy a paper form.',
          environmentalImpacts: 'Fewer car journeys to council offices.',
          kind: 'one_off',
          startDate: '2015-07-01',
          dueDate: '2016-03-31',
          leads: ['Sophie Lund', 'Customer Services Manager'],
          impacts: ['ICT', 'CUS'],
          partnerships: ['None'],
          pledges: [1],
        },
      ],
    },
    {
      number: null,
      title: 'Support healthier, more active communities',
      priorities: ['healthy'],
      pledges: [3, 4],
      actions: [
        {
          title: 'Bid to a national sports development fund for a programme to get inactive adults moving, and deliver it if the bid succeeds.',
          role: ENABLER,
          target: 'Bid in by June 2015; if successful, 300 participants in the first year.',
          outcome: 'More adults active every week. Longer-term measures to be agreed with the funder.',
          criticalSuccessFactors: 'The outcome of the bid; local sports clubs signing up as delivery partners.',
          environmentalImpacts: 'N/A',
          kind: 'milestone',
          dueDate: '2016-03-01',
          leads: ['Engagement and Partnerships Team Leader'],
          impacts: ['LEI'],
          partnerships: ['Health and Wellbeing Strategy'],
          pledges: [4],
        },
        {
          title: "Work with the older people's forum and GP surgeries to start befriending groups in the villages where isolation is highest.",
          role: ENABLER,
          target: 'Befriending groups meeting regularly in at least five villages.',
          outcome: 'Fewer older residents saying they often feel lonely; further targets to follow from the first year.',
          criticalSuccessFactors: 'Recruiting volunteers; referrals from health partners.',
          environmentalImpacts: 'Groups will use existing village halls, making better use of local buildings.',
          kind: 'one_off',
          dueDate: '2016-03-01',
          leads: ['Priya Raman'],
          impacts: ['Equality and diversity working group', 'LEI'],
          partnerships: ['Health and Wellbeing Strategy', 'Brackenmoor Community Strategy'],
          pledges: [3],
        },
      ],
    },
    {
      number: null,
      title: "Promote the district's culture and heritage",
      priorities: ['place'],
      pledges: [8],
      actions: [
        {
          title: 'Find ways to meet the demand for rehearsal and workshop space that the Kettleford Playhouse cannot take on.',
          role: LEADER,
          target: 'Options appraisal finished and reported to the Executive.',
          outcome: 'Local groups able to find suitable, affordable space in the district.',
          criticalSuccessFactors: 'Other buildings being available; capital funding.',
          environmentalImpacts: 'May mean minor improvements to existing council buildings.',
          kind: 'one_off',
          dueDate: '2016-03-01',
          leads: ['Head of Communications, Engagement and Culture', 'Director of Kettleford Playhouse'],
          impacts: ['ASM'],
          partnerships: ['None'],
        },
        {
          title: 'Write a three-year programming and audience development plan for the Kettleford Playhouse.',
          role: PROVIDER,
          target: 'Plan approved and the first season programmed against it.',
          outcome: 'Higher attendances and a wider audience, including families and young people.',
          criticalSuccessFactors: 'Reliable box office data; a realistic marketing budget.',
          environmentalImpacts: 'Joint theatre and bus ticket offers to encourage audiences out of their cars.',
          kind: 'one_off',
          dueDate: '2016-03-01',
          leads: ['Martin Fairbairn'],
          impacts: ['FIN'],
          partnerships: ['None'],
        },
        {
          title: 'Run a year of events marking 800 years of the Hollinsby market charter.',
          role: LEADER,
          target: 'Twelve events across the year with at least 15,000 attendances in total.',
          outcome: "Pride in the district's history and more visitors spending money in Hollinsby town centre.",
          criticalSuccessFactors: 'Sponsorship from local businesses; volunteer stewards for outdoor events.',
          environmentalImpacts: 'A waste plan for every outdoor event, with recycling points and no single-use plastic cups.',
          kind: 'ongoing',
          startDate: '2015-04-01',
          dueDate: '2016-03-31',
          leads: ['Communications Team Leader', 'Director of Kettleford Playhouse', 'Civic Officer'],
          impacts: ['CIV', 'WAS'],
          partnerships: ['Brackenmoor Community Strategy', 'Visit Brackenmoor tourism partnership'],
          priorities: ['prosperity'],
          pledges: [8, 10],
        },
      ],
    },
  ]),
};

// The department business plan is written as compact "must do" rows: title, kind, due date,
// leads, then the services it leans on and the partnership agendas it serves.
const must = (
  title: string,
  kind: ActionKind,
  dueDate: string,
  leads: string[],
  impacts: string[] = [],
  partnerships: string[] = [],
  extra: Partial<Draft> = {},
): Draft => ({ title, kind, dueDate, leads, impacts, partnerships, ...extra });

const YEAR_END = '2019-03-31';
const COMMS = 'Communications Team Leader';
const DEMOCRATIC = 'Head of Democratic Services';
const ELECTORAL = 'Electoral Services Manager';
const ENGAGE = 'Engagement and Partnerships Team Leader';
const PERF = 'Performance and Risk Manager';
const POLICY = 'Head of Policy and Intelligence';
const DATA = 'Insight and Data Lead';
const LEGAL = 'Head of Legal Services and Monitoring Officer';
const COMMUNITY = 'Brackenmoor Community Strategy';
const GROWTH = 'County Growth Deal';

const CEX_2018: DemoPlan = {
  unit: 'CEX',
  year: '2018/19',
  title: "Chief Executive's Department Business Plan 2018/19",
  kind: 'business_plan',
  vision:
    "To lead the council's work on its corporate priorities, and to give Brackenmoor open and well-run local democracy, " +
    'clear communication and the evidence it needs to keep improving.',
  purpose:
    'We make sure residents can take part in local democracy and that councillors can do their job well; we explain the ' +
    "council's work and speak up for the district; and we give managers and councillors the insight to see what is working " +
    'and what is not. Our customers are councillors, senior managers, partner organisations, community groups and, above all, residents.\n\n' +
    'Communications, Engagement and Culture – tells residents what the council is doing, supports community groups and runs the Kettleford Playhouse.\n' +
    "Democratic Services – supports the council's committees, scrutiny and councillors, and handles information requests.\n" +
    'Electoral Services – keeps the electoral register and runs elections that voters can trust.\n' +
    'Legal Services – gives legal advice across the council and supports the Monitoring Officer.\n' +
    'Performance and Risk – reports how the council is performing and helps services manage risk.\n' +
    'Policy and Intelligence – tracks national policy, works with partners and turns data into insight.\n' +
    'Civic Office – organises civic events and supports the Chairman of the Council.\n' +
    'Business and Executive Support – provides administrative support to the department and the senior management team.',
  statutoryDuties:
    "The department carries out the council's statutory and regulatory duties for:\n" +
    '- electoral registration and the conduct of elections and referendums\n' +
    '- the constitution, committee meetings and public access to information\n' +
    "- the Monitoring Officer role and the councillors' code of conduct\n" +
    '- the public sector equality duty\n' +
    '- freedom of information and data protection requests\n' +
    '- the code of recommended practice on local authority publicity\n' +
    'We also help other services meet their own duties, for example with data returns to government and support for inspections.',
  areasOfFocus:
    'Likely areas of focus for 2019/20:\n' +
    '- the all-out district and parish elections in May 2019 and the induction of the new council\n' +
    "- a new corporate plan from 2020, shaped by the 2018 residents' survey\n" +
    '- moving service planning and performance reporting onto a single system\n' +
    '- a review of how the department is organised after the Legal Services restructure',
  goals: [
    { number: '1', title: 'Strengthen local democracy and help residents have their say' },
    { number: '2', title: 'Champion Brackenmoor and speak up for the district beyond its borders' },
    { number: '3', title: 'Use evidence and insight to improve how the council performs' },
    { number: '4', title: 'Be a capable, supportive and efficient department' },
  ],
  objectives: withCodes('18-CEX', [
    {
      number: '1.1',
      goal: '1',
      title: 'Keep the electoral register as complete and accurate as possible',
      why: 'So that every resident who is entitled to vote is registered, and nobody is registered who should not be.',
      priorities: ['listening'],
      pledges: [15],
      actions: [
        must('Plan and deliver the 2018 annual canvass, steering households towards online, phone and text responses instead of paper', 'milestone', '2018-12-01', [ELECTORAL], ['CUS', 'ICT'], ['None'], { startDate: '2018-07-01' }),
        must('Match register entries against council tax and housing records so the canvass targets the right households', 'one_off', '2018-08-31', [ELECTORAL, DATA], ['FIN'], ['None']),
        must('Reach under-registered groups – students, private renters, care home residents and Forces families – through a targeted engagement plan', 'ongoing', YEAR_END, [ELECTORAL, COMMS], ['CEC'], [COMMUNITY]),
      ],
    },
    {
      number: '1.2',
      goal: '1',
      title: 'Run elections that voters and candidates can trust',
      why: 'So that voters can cast their vote easily and know it will be counted as they intended, and candidates know the rules and have confidence in the result.',
      priorities: ['listening'],
      pledges: [15],
      actions: [
        must('Produce the project plan and risk register for the May 2019 district and parish elections', 'milestone', '2018-10-31', [ELECTORAL], ['BES'], ['None']),
        must('Review polling districts and polling places, consulting parish councils and local disability groups', 'one_off', '2019-01-31', [ELECTORAL], ['ASM', 'Parish councils'], ['None'], { startDate: '2018-09-01' }),
        must('Hold briefings for candidates and agents on nominations, spending limits and returns', 'milestone', '2019-03-22', [ELECTORAL, LEGAL], ['LEG'], ['None']),
      ],
    },
    {
      number: '1.3',
      goal: '1',
      title: 'Help councillors to carry out their role well',
      why: 'Councillors represent residents; good support and timely answers to their enquiries help them serve their wards.',
      priorities: ['council'],
      pledges: [14],
      actions: [
        must('Set up a single log for councillor enquiries and agree response standards with every service', 'one_off', '2018-09-30', [DEMOCRATIC], ['CUS', 'ICT'], ['None']),
        must('Design the induction programme for councillors elected in May 2019, with extra sessions on finance and scrutiny', 'milestone', YEAR_END, [DEMOCRATIC, 'Head of Human Resources and Organisational Development'], ['HRO', 'FIN'], ['None']),
        must('Send councillors a monthly e-bulletin on decisions, consultations and events in their wards', 'ongoing', YEAR_END, [COMMS], ['DEM'], ['None']),
      ],
    },
    {
      number: '1.4',
      goal: '1',
      title: 'Make council decision-making open and easy to follow',
      why: 'Residents should be able to see who decided what, when and why, without needing to know how the council works.',
      priorities: ['council', 'listening'],
      pledges: [13],
      actions: [
        must('Webcast every meeting of full council and the planning committee, with recordings kept online for a year', 'ongoing', YEAR_END, [DEMOCRATIC], ['ICT'], ['None']),
        must('Publish a plain-English forward plan of key decisions every month', 'ongoing', YEAR_END, [DEMOCRATIC], [], ['None']),
        must('Rewrite the committee report template so that options, risks and equality impacts are set out clearly', 'one_off', '2018-07-31', [DEMOCRATIC, PERF], ['LEG', 'PAR'], ['None']),
      ],
    },
    {
      number: '2.1',
      goal: '2',
      title: 'Build strong working relationships with neighbouring councils and the county',
      why: "Many of the district's challenges – transport, housing growth, health – cannot be solved by the council acting alone.",
      priorities: ['prosperity'],
      pledges: [11],
      actions: [
        must("Support the Leader and Chief Executive in the county leaders' group and its growth deal negotiations", 'ongoing', YEAR_END, [POLICY], [], [GROWTH]),
        must('Agree a joint programme of work with the two neighbouring districts on housing delivery and infrastructure', 'one_off', '2018-12-31', [POLICY, 'Director of Resources'], ['ASM'], [GROWTH]),
        must("Prepare the council's evidence for the county rail study on reopening Hollinsby station", 'milestone', '2019-02-28', ['Sarah Delaney'], ['ASM'], [GROWTH, 'County Local Transport Plan']),
      ],
    },
    {
      number: '2.2',
      goal: '2',
      title: 'Work with the voluntary and community sector as a real partner',
      why: 'A strong community sector reaches people the council cannot, and gives communities a voice of their own.',
      priorities: ['people'],
      pledges: [2],
      actions: [
        must('Agree a compact with the council for voluntary service on how we fund, consult and work with the sector', 'one_off', '2018-11-30', [ENGAGE], ['FIN'], [COMMUNITY]),
        must('Hold two forums a year where councillors and community groups discuss local priorities together', 'milestone', YEAR_END, [ENGAGE, DEMOCRATIC], ['DEM'], [COMMUNITY]),
        must('Help community groups to put together joint bids for external funding', 'ongoing', YEAR_END, [ENGAGE], [], [COMMUNITY]),
        must('Complete the lease of the former library annexe in Kettleford to a community arts trust as rehearsal and workshop space', 'one_off', '2018-10-31', ['Head of Communications, Engagement and Culture', 'Asset Management Manager'], ['ASM', 'LEG'], ['None'], {
          carriedFrom: '15-CEC09',
          priorities: ['place'],
          pledges: [8],
          target: 'Lease signed and the space open to groups by the autumn half term.',
        }),
      ],
    },
    {
      number: '2.3',
      goal: '2',
      title: "Tell the district's story through targeted campaigns",
      why: 'Well-planned campaigns change behaviour, build trust in the council and help deliver its pledges.',
      priorities: ['place', 'prosperity'],
      pledges: [5, 9],
      actions: [
        must('Agree a programme of six corporate campaigns with the Executive, each tied to a corporate plan pledge', 'milestone', '2018-06-30', ['Head of Communications, Engagement and Culture'], [], ['None']),
        must('Run a campaign to cut contamination in household recycling bins', 'one_off', '2019-01-31', [COMMS], ['WAS'], ['Brackenmoor Climate Action Plan'], { startDate: '2018-09-01', pledges: [5] }),
        must('Promote Brackenmoor as a place to start and grow a business, alongside the business support hub', 'ongoing', YEAR_END, [COMMS], [], [GROWTH], { pledges: [9] }),
      ],
    },
    {
      number: '2.4',
      goal: '2',
      title: 'Move our communications towards digital channels',
      why: 'Most residents now look for news and information online, and digital channels reach them faster and for less money.',
      priorities: ['people'],
      pledges: [1],
      actions: [
        must("Launch a residents' e-newsletter and grow it to 8,000 subscribers", 'milestone', '2018-09-30', ['Sophie Lund'], ['ICT'], ['None'], { target: '8,000 subscribers and an open rate above 40%.' }),
        must('Train the communications team in video, social media and campaign planning', 'ongoing', YEAR_END, [COMMS], ['HRO'], ['None']),
        must('Report digital reach and engagement to the senior management team every month', 'ongoing', YEAR_END, ['Sophie Lund', 'Performance Officer'], ['PAR'], ['None']),
      ],
    },
    {
      number: '3.1',
      goal: '3',
      title: 'Give councillors and managers a clear, timely picture of performance',
      why: 'Knowing early where we are off track lets us act before residents notice.',
      priorities: ['council'],
      pledges: [13],
      actions: [
        must('Publish half-yearly progress reports against every corporate plan pledge', 'milestone', '2018-11-30', [PERF], [], ['None'], { pledges: [13] }),
        must('Refresh the corporate performance indicators with heads of service, adding comparator data from similar councils', 'one_off', '2018-06-30', [PERF, DATA], [], ['None']),
        must('Replace spreadsheet-based service planning with one performance management system', 'one_off', YEAR_END, ['Tom Whitfield'], ['ICT'], ['None'], { startDate: '2018-04-01' }),
      ],
    },
    {
      number: '3.2',
      goal: '3',
      title: 'Manage risk well across the council',
      why: 'Good risk management protects services and public money and supports sensible, well-judged decisions.',
      priorities: ['council'],
      pledges: [12],
      actions: [
        must('Review the corporate risk register with the senior management team every quarter', 'ongoing', YEAR_END, [PERF], [], ['None']),
        must('Introduce service risk registers linked to each service plan', 'one_off', '2018-12-31', [PERF], ['All services'], ['None']),
        must('Run risk awareness sessions for managers and for the audit committee', 'milestone', '2019-02-28', ['Nadia Kowalski'], ['HRO', 'DEM'], ['None']),
      ],
    },
    {
      number: '3.3',
      goal: '3',
      title: 'Make better use of data and insight in decisions',
      why: 'Decisions built on good evidence are more likely to work and easier to explain to residents.',
      priorities: ['listening'],
      pledges: [16],
      actions: [
        must('Publish ward profiles that bring together census, deprivation and council service data', 'one_off', '2018-10-31', [DATA], [], [COMMUNITY]),
        must("Run the 2018 residents' survey and share the findings with every service", 'milestone', '2018-11-30', [POLICY, ENGAGE], ['CEC'], [COMMUNITY], { startDate: '2018-05-01', pledges: [16] }),
        must('Publish council datasets on the website under an open licence', 'ongoing', YEAR_END, ['Ravi Chandran'], ['ICT'], ['None']),
      ],
    },
    {
      number: '3.4',
      goal: '3',
      title: 'Respond well to changes in national policy and funding',
      why: 'Changes in government policy and funding affect nearly every service; early warning gives us time to plan.',
      priorities: ['council'],
      pledges: [12],
      actions: [
        must('Produce a fortnightly policy briefing for senior managers and the Executive', 'ongoing', YEAR_END, [POLICY], [], ['None']),
        must("Coordinate the council's responses to government consultations, keeping a tracker of deadlines", 'ongoing', YEAR_END, [POLICY], ['All services'], ['None']),
        must('Assess what the fair funding review and business rates changes mean for the medium-term financial plan', 'one_off', '2019-01-31', [POLICY, 'Director of Resources'], ['FIN'], ['None']),
      ],
    },
    {
      number: '4.1',
      goal: '4',
      title: 'Develop a skilled and motivated team',
      why: 'Our people are our main resource, and a well-supported team gives residents a better service.',
      priorities: ['council'],
      pledges: [17],
      actions: [
        must('Make sure every member of staff has an appraisal and a personal development plan', 'milestone', '2018-07-31', ['Heads of service in the department'], ['HRO'], ['None']),
        must("Agree an action plan with staff in response to the department's staff survey results", 'one_off', '2018-12-31', ['Chief Executive', 'Business Support Manager'], ['HRO'], ['None']),
        must('Offer placements between teams so staff can help cover peaks such as elections', 'ongoing', YEAR_END, [ELECTORAL, 'Business Support Manager'], ['HRO'], ['None']),
      ],
    },
    {
      number: '4.2',
      goal: '4',
      title: "Keep the department's costs under control",
      why: 'Every pound saved in support services is a pound that can be spent on front-line services.',
      priorities: ['council'],
      pledges: [12],
      actions: [
        must('Deliver the £120,000 of savings agreed for the department in the 2018/19 budget', 'ongoing', YEAR_END, ['Chief Executive'], ['FIN'], ['None']),
        must('Move committee papers to tablets to cut printing and postage', 'one_off', '2018-10-31', [DEMOCRATIC], ['ICT'], ['Brackenmoor Climate Action Plan'], { pledges: [7] }),
        must('Review business support arrangements across the department', 'one_off', YEAR_END, ['Kerry Blackwood'], ['HRO'], ['None']),
      ],
    },
    {
      number: '4.3',
      goal: '4',
      title: 'Give sound legal and governance advice',
      why: 'Lawful, well-evidenced decisions protect residents and the council from challenge.',
      priorities: ['council'],
      pledges: [13],
      actions: [
        must('Review the constitution, including the scheme of delegation, ready for the new council in May 2019', 'milestone', YEAR_END, [LEGAL], ['DEM'], ['None']),
        must('Refresh training for councillors and officers on the code of conduct and declaring interests', 'one_off', YEAR_END, ['Jonathan Reeve'], ['DEM', 'HRO'], ['None']),
        must('Bring data protection policies and the information asset register up to date with the new data protection law', 'one_off', '2018-05-25', [LEGAL, DEMOCRATIC], ['All services'], ['None'], { startDate: '2018-04-01' }),
      ],
    },
  ]),
};

const DEM_2018: DemoPlan = {
  unit: 'DEM',
  year: '2018/19',
  title: 'Democratic Services Improvement Plan 2018/19',
  kind: 'service_improvement_plan',
  vision: 'Open, well-supported decision-making that residents can follow and councillors can rely on.',
  purpose: "We run the council's committees and scrutiny, support councillors in their role and answer requests for information.",
  goals: [],
  objectives: withCodes('18-DEM', [
    {
      number: '1',
      title: 'Answer Freedom of Information requests on time',
      why: 'Answering on time is a legal duty, and openness builds trust in the council.',
      priorities: ['council'],
      pledges: [13, 14],
      actions: [
        {
          title: 'Raise the share of Freedom of Information requests answered within 20 working days to 95%.',
          role: PROVIDER,
          target: '95% answered within 20 working days (86% in 2017/18).',
          kind: 'ongoing',
          dueDate: YEAR_END,
          leads: [DEMOCRATIC],
          impacts: ['All services'],
          partnerships: ['None'],
        },
        {
          title: 'Publish a searchable log of past Freedom of Information responses on the council website.',
          role: PROVIDER,
          kind: 'one_off',
          dueDate: '2018-09-30',
          leads: ['Aisha Begum'],
          impacts: ['ICT'],
          partnerships: ['None'],
        },
      ],
    },
    {
      number: '2',
      title: 'Strengthen scrutiny',
      why: 'Effective scrutiny holds decision-makers to account and improves policy before it is agreed.',
      priorities: ['council', 'listening'],
      pledges: [16],
      actions: [
        {
          title: 'Agree an annual work programme with the overview and scrutiny committee, including two in-depth reviews.',
          role: ENABLER,
          kind: 'milestone',
          dueDate: '2018-06-30',
          leads: ['Scrutiny Officer'],
          impacts: ['PAR'],
          partnerships: ['None'],
        },
        {
          title: 'Support the scrutiny review of what the council can do to fill empty shops in its three town centres.',
          role: ENABLER,
          kind: 'one_off',
          startDate: '2018-07-01',
          dueDate: '2019-01-31',
          leads: ['Scrutiny Officer', 'Asset Management Manager'],
          impacts: ['ASM'],
          partnerships: [GROWTH],
          priorities: ['prosperity'],
          pledges: [10],
        },
      ],
    },
    {
      number: '3',
      title: 'Modernise committee administration',
      why: 'Paper-based processes are slow and costly, and make it harder for residents to find decisions.',
      priorities: ['council'],
      pledges: [7, 13],
      actions: [
        {
          title: 'Introduce a committee management system for agendas, minutes and decision notices.',
          role: PROVIDER,
          kind: 'one_off',
          startDate: '2018-05-01',
          dueDate: '2018-12-31',
          leads: [DEMOCRATIC],
          impacts: ['ICT'],
          partnerships: ['None'],
        },
        {
          title: 'Review the civic and ceremonial calendar with the Chairman of the Council to keep costs within budget.',
          role: PROVIDER,
          kind: 'ongoing',
          dueDate: YEAR_END,
          leads: ['Civic Officer', DEMOCRATIC],
          impacts: ['CIV'],
          partnerships: ['None'],
        },
      ],
    },
  ]),
};

/** Plans in load order: an action is only carried from one loaded before it. */
export const DEMO_PLANS: readonly DemoPlan[] = [CEC_2015, CEX_2018, DEM_2018];
