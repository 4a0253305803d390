/**
 * A pre-approved notice template: markdown with `{{placeholder}}` tokens.
 * Text in `[[double brackets]]` marks what a person must complete before
 * approval; approval is refused while any remains.
 */
export interface NoticeTemplate {
  id: string;
  title: string;
  /** The obligation rules this template answers. */
  rules: string[];
  body: string;
}

const GDPR_33 = `# Notification of a personal data breach (GDPR Art. 33)

**To:** {{obligation.recipient}}
**From:** {{organisation.name}} (controller)
**Data protection officer:** {{organisation.dpoContact}}
**Reference:** {{incident.id}}{{exerciseNotice}}

## 1. Nature of the breach (Art. 33(3)(a))
{{incident.title}}

{{incident.summary}}

- Type of leak: {{incident.leakType}}
- Became aware: {{incident.awareAt}}
- Detected: {{incident.detectedAt}}
- Systems involved: {{affected.list}}
- Where the data were stored or processed: {{data.regions}}

## 2. Categories and approximate numbers (Art. 33(3)(a))
- Categories of personal data: {{data.categories}}
- Data subjects, by where they live (approximate): {{data.subjects}}
- Approximate number of records: [[approximate number of personal data records concerned]]

## 3. Contact point (Art. 33(3)(b))
{{organisation.dpoContact}}

## 4. Likely consequences (Art. 33(3)(c))
[[likely consequences for the people concerned]]

## 5. Measures taken or proposed (Art. 33(3)(d))
{{measures.list}}

## 6. Timing
{{delayReason}}
Information not yet available will be provided in phases without undue delay (Art. 33(4)).
`;

const GDPR_34 = `# We are writing to tell you about a problem with your personal data

Dear customer,

On {{incident.awareAtDate}} we found that some of your personal data held by {{organisation.name}} may have been exposed.{{exerciseNotice}}

**What happened:** {{incident.title}}

**What information was involved:** {{data.categories}}

**What we are doing:** {{measures.list}}

**What it could mean for you:** [[likely consequences, in plain language]]

**What you can do:** [[practical steps people can take to protect themselves]]

**Who to contact:** our data protection officer, {{organisation.dpoContact}}.
`;

const NIS2_EARLY_WARNING = `# NIS2 early warning (Art. 23(4)(a))

**To:** {{obligation.recipient}}
**Entity:** {{organisation.name}}
**Reference:** {{incident.id}}{{exerciseNotice}}

- Significant incident detected; became aware {{incident.awareAt}}.
- Suspected unlawful or malicious act: [[yes / no / unknown]]
- Possible cross-border impact: [[yes / no / unknown]] — data subjects in {{data.subjects}}; systems in {{data.regions}}
- Summary: {{incident.title}}
`;

const NIS2_NOTIFICATION = `# NIS2 incident notification (Art. 23(4)(b))

**To:** {{obligation.recipient}}
**Entity:** {{organisation.name}}
**Reference:** {{incident.id}}{{exerciseNotice}}

## Update of the early warning
{{incident.title}}

{{incident.summary}}

## Initial assessment
- Severity: {{incident.severity}}
- Impact: [[impact on the service and its users]]
- Indicators of compromise: [[indicators of compromise, where available]]
- Systems involved: {{affected.list}}

## Measures
{{measures.list}}
`;

const UK_ICO = `# Personal data breach report to the ICO (UK GDPR Art. 33)

**Organisation:** {{organisation.name}}
**Data protection officer:** {{organisation.dpoContact}}
**Reference:** {{incident.id}}{{exerciseNotice}}

## About the breach
{{incident.title}}

{{incident.summary}}

- When we found out: {{incident.awareAt}}
- Personal data involved: {{data.categories}}
- People affected (approximate, by where they live): {{data.subjects}}
- Systems: {{affected.list}}

## Consequences
[[likely consequences for the people concerned]]

## Actions taken
{{measures.list}}

## Timing
{{delayReason}}
`;

const US_STATE_CONSUMER = `# Notice of data breach

Dear customer,{{exerciseNotice}}

**What happened?** On {{incident.awareAtDate}}, {{organisation.name}} learned of a security incident: {{incident.title}}

**What information was involved?** {{data.categories}}

**What we are doing.** {{measures.list}}

**What you can do.** [[steps such as reviewing account statements, credit freezes and fraud alerts, with the contact details of the major consumer reporting agencies]]

**For more information.** Contact {{organisation.dpoContact}}.
`;

const PCI_ACQUIRER = `# Suspected cardholder data compromise — notice to acquirer and card brands

**Merchant:** {{organisation.name}}
**Reference:** {{incident.id}}{{exerciseNotice}}
**To:** {{obligation.recipient}}

- Discovered: {{incident.awareAt}}
- Summary: {{incident.title}}
- Card data involved: {{data.categories}}
- Systems in scope: {{affected.list}}
- Containment: {{measures.list}}
- Number of accounts at risk: [[number of primary account numbers at risk]]
- PCI Forensic Investigator engaged: [[name of the PFI, once engaged]]
`;

/** The built-in templates; config may replace any of them or add more. */
export const DEFAULT_NOTICE_TEMPLATES: readonly NoticeTemplate[] = [
  {
    id: 'gdpr33',
    title: 'GDPR Art. 33 notification to the supervisory authority',
    rules: ['gdpr33'],
    body: GDPR_33,
  },
  {
    id: 'gdpr34',
    title: 'GDPR Art. 34 communication to data subjects',
    rules: ['gdpr34', 'ukgdpr34'],
    body: GDPR_34,
  },
  {
    id: 'nis2-early-warning',
    title: 'NIS2 early warning',
    rules: ['nis2_ew'],
    body: NIS2_EARLY_WARNING,
  },
  {
    id: 'nis2-notification',
    title: 'NIS2 incident notification',
    rules: ['nis2_n'],
    body: NIS2_NOTIFICATION,
  },
  {
    id: 'uk-ico',
    title: 'UK GDPR Art. 33 report to the ICO',
    rules: ['ukgdpr33'],
    body: UK_ICO,
  },
  {
    id: 'us-state-consumer',
    title: 'US state consumer breach notice',
    rules: ['ca_ind', 'tx_ind', 'ny_ind', 'fl_ind', 'co_ind', 'wa_ind'],
    body: US_STATE_CONSUMER,
  },
  {
    id: 'pci-acquirer',
    title: 'PCI: notice to the acquirer and card brands',
    rules: ['visa_now', 'visa_rpt', 'visa_pans'],
    body: PCI_ACQUIRER,
  },
];
