import type { PeriodScheme } from '../../domain/plan-years.ts';
import type { OrgUnitKind, UserRole } from '../../domain/vocabulary.ts';
import { CEC_2015 } from './plan-cec-2015.ts';
import { CEX_2018 } from './plan-cex-2018.ts';
import { DEM_2018 } from './plan-dem-2018.ts';
import type { DemoPlan } from './plan-types.ts';

export type { DemoAction, DemoObjective, DemoPlan } from './plan-types.ts';

// The demo council: an invented English district, written in the shapes of real council papers
// (a 2015/16 service action plan, a 2018/19 department business plan and a smaller service
// improvement plan) so that a new install has something true-to-life to click through.
// Everything refers to everything else by short code, key or pledge number; the loader in
// src/services/demo.ts turns those into ids through the ordinary services.

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
  /** May see restricted items (administrators always may). */
  restrictedAccess?: boolean;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: email('admin'), name: 'Demo Administrator', role: 'admin' },
  { email: email('tom.whitfield'), name: 'Tom Whitfield', role: 'performance_officer', restrictedAccess: true },
  // Heads Democratic Services, whose plan runs every year: she changes and signs off that plan's work.
  { email: email('graham.pennington'), name: 'Graham Pennington', role: 'head_of_service' },
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


/** Plans in load order: an action is only carried from one loaded before it. */
export const DEMO_PLANS: readonly DemoPlan[] = [CEC_2015, CEX_2018, DEM_2018];
