import type { ActionKind } from '../../domain/vocabulary.ts';
import { COMMS, COMMUNITY, DATA, DEMOCRATIC, ELECTORAL, ENGAGE, GROWTH, LEGAL, PERF, POLICY, YEAR_END, withCodes, type DemoPlan, type Draft } from './plan-types.ts';

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


export const CEX_2018: DemoPlan = {
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
        must('Plan and deliver the 2018 annual canvass, steering households towards online, phone and text responses instead of paper', 'milestone', '2018-12-01', [ELECTORAL], ['CUS', 'ICT'], [], { startDate: '2018-07-01' }),
        must('Match register entries against council tax and housing records so the canvass targets the right households', 'one_off', '2018-08-31', [ELECTORAL, DATA], ['FIN'], []),
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
        must('Produce the project plan and risk register for the May 2019 district and parish elections', 'milestone', '2018-10-31', [ELECTORAL], ['BES'], []),
        must('Review polling districts and polling places, consulting parish councils and local disability groups', 'one_off', '2019-01-31', [ELECTORAL], ['ASM', 'Parish councils'], [], { startDate: '2018-09-01' }),
        must('Hold briefings for candidates and agents on nominations, spending limits and returns', 'milestone', '2019-03-22', [ELECTORAL, LEGAL], ['LEG'], []),
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
        must('Set up a single log for councillor enquiries and agree response standards with every service', 'one_off', '2018-09-30', [DEMOCRATIC], ['CUS', 'ICT'], []),
        must('Design the induction programme for councillors elected in May 2019, with extra sessions on finance and scrutiny', 'milestone', YEAR_END, [DEMOCRATIC, 'Head of Human Resources and Organisational Development'], ['HRO', 'FIN'], []),
        must('Send councillors a monthly e-bulletin on decisions, consultations and events in their wards', 'ongoing', YEAR_END, [COMMS], ['DEM'], []),
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
        must('Webcast every meeting of full council and the planning committee, with recordings kept online for a year', 'ongoing', YEAR_END, [DEMOCRATIC], ['ICT'], []),
        must('Publish a plain-English forward plan of key decisions every month', 'ongoing', YEAR_END, [DEMOCRATIC], [], []),
        must('Rewrite the committee report template so that options, risks and equality impacts are set out clearly', 'one_off', '2018-07-31', [DEMOCRATIC, PERF], ['LEG', 'PAR'], []),
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
        must('Complete the lease of the former library annexe in Kettleford to a community arts trust as rehearsal and workshop space', 'one_off', '2018-10-31', ['Head of Communications, Engagement and Culture', 'Asset Management Manager'], ['ASM', 'LEG'], [], {
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
        must('Agree a programme of six corporate campaigns with the Executive, each tied to a corporate plan pledge', 'milestone', '2018-06-30', ['Head of Communications, Engagement and Culture'], [], []),
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
        must("Launch a residents' e-newsletter and grow it to 8,000 subscribers", 'milestone', '2018-09-30', ['Sophie Lund'], ['ICT'], [], { target: '8,000 subscribers and an open rate above 40%.' }),
        must('Train the communications team in video, social media and campaign planning', 'ongoing', YEAR_END, [COMMS], ['HRO'], []),
        must('Report digital reach and engagement to the senior management team every month', 'ongoing', YEAR_END, ['Sophie Lund', 'Performance Officer'], ['PAR'], []),
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
        must('Publish half-yearly progress reports against every corporate plan pledge', 'milestone', '2018-11-30', [PERF], [], [], { pledges: [13] }),
        must('Refresh the corporate performance indicators with heads of service, adding comparator data from similar councils', 'one_off', '2018-06-30', [PERF, DATA], [], []),
        must('Replace spreadsheet-based service planning with one performance management system', 'one_off', YEAR_END, ['Tom Whitfield'], ['ICT'], [], { startDate: '2018-04-01' }),
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
        must('Review the corporate risk register with the senior management team every quarter', 'ongoing', YEAR_END, [PERF], [], []),
        must('Introduce service risk registers linked to each service plan', 'one_off', '2018-12-31', [PERF], ['All services'], []),
        must('Run risk awareness sessions for managers and for the audit committee', 'milestone', '2019-02-28', ['Nadia Kowalski'], ['HRO', 'DEM'], []),
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
        must('Publish council datasets on the website under an open licence', 'ongoing', YEAR_END, ['Ravi Chandran'], ['ICT'], []),
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
        must('Produce a fortnightly policy briefing for senior managers and the Executive', 'ongoing', YEAR_END, [POLICY], [], []),
        must("Coordinate the council's responses to government consultations, keeping a tracker of deadlines", 'ongoing', YEAR_END, [POLICY], ['All services'], []),
        must('Assess what the fair funding review and business rates changes mean for the medium-term financial plan', 'one_off', '2019-01-31', [POLICY, 'Director of Resources'], ['FIN'], []),
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
        must('Make sure every member of staff has an appraisal and a personal development plan', 'milestone', '2018-07-31', ['Heads of service in the department'], ['HRO'], []),
        must("Agree an action plan with staff in response to the department's staff survey results", 'one_off', '2018-12-31', ['Chief Executive', 'Business Support Manager'], ['HRO'], []),
        must('Offer placements between teams so staff can help cover peaks such as elections', 'ongoing', YEAR_END, [ELECTORAL, 'Business Support Manager'], ['HRO'], []),
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
        must('Deliver the £120,000 of savings agreed for the department in the 2018/19 budget', 'ongoing', YEAR_END, ['Chief Executive'], ['FIN'], []),
        must('Move committee papers to tablets to cut printing and postage', 'one_off', '2018-10-31', [DEMOCRATIC], ['ICT'], ['Brackenmoor Climate Action Plan'], { pledges: [7] }),
        must('Review business support arrangements across the department', 'one_off', YEAR_END, ['Kerry Blackwood'], ['HRO'], []),
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
        must('Review the constitution, including the scheme of delegation, ready for the new council in May 2019', 'milestone', YEAR_END, [LEGAL], ['DEM'], []),
        must('Refresh training for councillors and officers on the code of conduct and declaring interests', 'one_off', YEAR_END, ['Jonathan Reeve'], ['DEM', 'HRO'], []),
        must('Bring data protection policies and the information asset register up to date with the new data protection law', 'one_off', '2018-05-25', [LEGAL, DEMOCRATIC], ['All services'], [], { startDate: '2018-04-01' }),
      ],
    },
  ]),
};
