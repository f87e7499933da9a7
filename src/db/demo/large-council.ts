import type { ActionKind } from '../../domain/vocabulary.ts';

// The large demo council (`waymark demo --scale large`): an invented county with 8 directorates
// and 61 services, each with a plan of 56 actions, for trying Waymark at the size of a large
// council and for the benchmarks. Where the standard demo is written by hand from the shapes of
// real papers, this one is generated: every name below is combined by position, so every load is
// the same apart from the dates, which follow the day it is loaded (src/services/demo-large.ts).

export const LARGE_COUNCIL = {
  slug: 'wealdmoor',
  name: 'Wealdmoor County Council',
  domain: 'wealdmoor.gov.uk',
  actionRoles: ['Community Leadership', 'Service Provider / Commissioner / Manager', 'Enabler'],
} as const;

export interface LargeDirectorate {
  code: string;
  name: string;
  services: readonly (readonly [code: string, name: string])[];
}

export const LARGE_DIRECTORATES: readonly LargeDirectorate[] = [
  {
    code: 'ADH',
    name: 'Adults and Health',
    services: [
      ['ASCA', 'Adult Social Care Assessment'],
      ['REAB', 'Reablement'],
      ['LDIS', 'Learning Disabilities'],
      ['MHS', 'Mental Health Services'],
      ['SAFA', 'Safeguarding Adults'],
      ['PHLT', 'Public Health'],
      ['COMM', 'Adult Commissioning'],
      ['CARE', 'Carers Support'],
    ],
  },
  {
    code: 'CHF',
    name: 'Children and Families',
    services: [
      ['CSC', "Children's Social Care"],
      ['FOST', 'Fostering and Adoption'],
      ['EHLP', 'Early Help'],
      ['SEND', 'Special Educational Needs'],
      ['ADMS', 'School Admissions'],
      ['YTH', 'Youth Services'],
      ['EDIM', 'Education Improvement'],
      ['HSTR', 'Home to School Transport'],
    ],
  },
  {
    code: 'PLE',
    name: 'Place and Environment',
    services: [
      ['HWM', 'Highways Maintenance'],
      ['TPLN', 'Transport Planning'],
      ['WDIS', 'Waste Disposal'],
      ['CROW', 'Countryside and Rights of Way'],
      ['FLOD', 'Flood Risk Management'],
      ['PLMN', 'Planning and Minerals'],
      ['TSTD', 'Trading Standards'],
      ['LGHT', 'Street Lighting'],
    ],
  },
  {
    code: 'CMT',
    name: 'Communities',
    services: [
      ['LIBS', 'Libraries'],
      ['ARCH', 'Archives and Heritage'],
      ['REGS', 'Registration Services'],
      ['CSAF', 'Community Safety'],
      ['ARTS', 'Arts and Culture'],
      ['SPRT', 'Sport and Physical Activity'],
      ['VOLS', 'Volunteering and Communities'],
    ],
  },
  {
    code: 'ECG',
    name: 'Economy and Growth',
    services: [
      ['ECDV', 'Economic Development'],
      ['SKIL', 'Skills and Employment'],
      ['INVT', 'Inward Investment'],
      ['HGRO', 'Housing Growth'],
      ['DIGI', 'Digital Infrastructure'],
      ['TOUR', 'Tourism'],
      ['PROP', 'Property and Estates'],
      ['BSUP', 'Business Support'],
    ],
  },
  {
    code: 'RES',
    name: 'Resources',
    services: [
      ['FIN', 'Finance'],
      ['PROC', 'Procurement'],
      ['PENS', 'Pensions'],
      ['IAUD', 'Internal Audit'],
      ['INSR', 'Insurance and Risk'],
      ['PAY', 'Payroll'],
      ['TRES', 'Treasury Management'],
      ['CAPP', 'Capital Programme'],
    ],
  },
  {
    code: 'PDG',
    name: 'People and Digital',
    services: [
      ['HR', 'Human Resources'],
      ['ODEV', 'Organisational Development'],
      ['ICT', 'ICT Services'],
      ['DTRN', 'Digital Transformation'],
      ['CUST', 'Customer Services'],
      ['INFO', 'Information Governance'],
      ['HSAF', 'Health and Safety'],
    ],
  },
  {
    code: 'GOV',
    name: 'Governance',
    services: [
      ['LEG', 'Legal Services'],
      ['DEMS', 'Democratic Services'],
      ['COMU', 'Communications'],
      ['POLP', 'Policy and Performance'],
      ['SCRU', 'Scrutiny'],
      ['CMPL', 'Complaints and Feedback'],
      ['EMPL', 'Emergency Planning'],
    ],
  },
];

export const LARGE_ACTIONS_PER_PLAN = 56;

/** A service plan's objectives: each takes every fifth action. */
export const LARGE_OBJECTIVES: readonly { title: string; why: string }[] = [
  { title: 'Meet our statutory duties well', why: 'Residents rely on these services, and the law sets the standard we must reach.' },
  { title: 'Make it easier for residents to get help', why: 'Too many people contact us more than once about the same thing.' },
  { title: 'Spend every pound wisely', why: 'The medium-term financial plan needs savings from every service.' },
  { title: 'Develop a skilled and settled workforce', why: 'Vacancies and turnover slow the work down and cost money in agency staff.' },
  { title: 'Work with partners for better outcomes', why: 'Most of what residents need depends on more than one organisation.' },
];

// Action titles: a verb phrase and a subject, combined by position so titles in a plan differ.
const VERBS = ['Review', 'Publish', 'Introduce', 'Reduce the waiting time for', 'Consult residents on', 'Procure', 'Train staff in', 'Digitise', 'Report to members on', 'Agree with partners'];
const SUBJECTS = [
  'the {s} charging policy',
  'the {s} customer charter',
  'a new case management system for {s}',
  'the annual {s} performance report',
  'the {s} risk register',
  'a shared service option for {s}',
  'the {s} workforce plan',
  'online booking for {s}',
  'the {s} equality impact assessment',
  'the {s} data quality standards',
  'the {s} complaints procedure',
  'a volunteer scheme supporting {s}',
  'the {s} commissioning strategy',
];

const TARGETS = ['90% of cases dealt with within the standard', 'Reduce costs by 5% on last year', 'Satisfaction of 80% or more in the annual survey', 'All staff trained by the due date', 'Agreed by Cabinet', 'Published on the council website'];

export const LARGE_LEAD_TITLES = ['Service Manager', 'Team Leader', 'Project Officer'] as const;

export const LARGE_FIRST_NAMES = ['Aisha', 'Ben', 'Chloe', 'David', 'Ellie', 'Farid', 'Grace', 'Harry', 'Imogen', 'Jack', 'Kiran', 'Laura', 'Mohammed', 'Nadia', 'Owen', 'Priya', 'Rhys', 'Sophie', 'Tariq', 'Zoe'];
export const LARGE_SURNAMES = ['Ahmed', 'Barker', 'Clarke', 'Dixon', 'Evans', 'Fletcher', 'Gill', 'Hughes', 'Iqbal', 'Jones', 'Khan', 'Lloyd', 'Morgan', 'Nash', 'Owusu', 'Patel', 'Reid', 'Shaw', 'Turner', 'Walsh', 'Young'];

export interface LargeAction {
  title: string;
  target: string;
  kind: ActionKind;
  /** Months after the year start that the action is due: 1 to 12. */
  dueMonth: number;
  /** Months after the year start that it starts (0 = the year start). */
  startMonth: number;
  /** Which of the service's three lead officers (0–2) lead it; two for a joint action. */
  leads: number[];
  /** An exempt-information paragraph when the action is restricted. */
  exemptParagraph: number | null;
}

/** The n-th action (0-based) of the s-th service's plan. */
export function largeAction(serviceName: string, s: number, n: number): LargeAction {
  const i = s * LARGE_ACTIONS_PER_PLAN + n;
  const verb = VERBS[n % VERBS.length]!;
  const subject = SUBJECTS[(n + Math.floor(n / VERBS.length) + s) % SUBJECTS.length]!.replace('{s}', serviceName.toLowerCase());
  // About six in ten one-off projects, a quarter ongoing work, the rest milestones.
  const kind: ActionKind = i % 20 < 12 ? 'one_off' : i % 20 < 17 ? 'ongoing' : 'milestone';
  return {
    title: `${verb} ${subject}`,
    target: TARGETS[i % TARGETS.length]!,
    kind,
    dueMonth: kind === 'ongoing' ? 12 : 9 + (i % 4),
    startMonth: i % 9 === 4 ? 2 : 0,
    leads: i % 11 === 5 ? [i % 3, (i + 1) % 3] : [i % 3],
    // One in forty holds commercially sensitive information (paragraph 3: financial or business affairs).
    exemptParagraph: i % 40 === 17 ? 3 : null,
  };
}
