import { Entity } from '@backstage/catalog-model';
import {
  evaluateObligations,
  LeakType,
} from '@leak-response/plugin-leak-response-common';
import {
  fakeFetcher,
  resource,
  withRelations,
} from '../__testUtils__/catalogFixtures';
import { ImpactAnalyzer } from '../impact/ImpactAnalyzer';
import { incidentFactsFromImpact } from './ObligationsEvaluator';

const AWARE = '2026-03-02T15:00:00.000Z';
const ANONYMOUS = { 'leak-response.io/anonymity-assessment': 'anonymous' };

async function factsOf(
  entities: Entity[],
  origin: string,
  leakType: LeakType,
  answers = {},
) {
  const catalog = withRelations(entities);
  const analysis = await ImpactAnalyzer.create().analyze({
    origin: catalog.find(e => e.metadata.name === origin)!,
    leakType,
    fetch: fakeFetcher(catalog),
  });
  return incidentFactsFromImpact({
    analysis,
    leakType,
    awareAt: AWARE,
    organisation: { establishments: ['DE'], answers },
    mayHoldPersonalData: categories =>
      !categories.every(c => c.startsWith('proprietary.')),
  });
}

const statusOf = (
  facts: Parameters<typeof evaluateObligations>[0],
  ruleId: string,
) =>
  evaluateObligations(facts, { now: AWARE }).obligations.find(
    o => o.ruleId === ruleId,
  )!;

describe('incidentFactsFromImpact', () => {
  it('a dataset that does not say where its people live leaves residence laws to be determined, with the question', async () => {
    const facts = await factsOf(
      [
        resource('logins', {
          type: 'llm-dataset',
          purpose: 'training',
          dataCategories: ['personal.credentials'],
          regions: ['eu-central-1'],
        }),
      ],
      'logins',
      'training-data-exposure',
      { acquired: true, encrypted: false, rrosh: true },
    );
    expect(facts.dataSubjects).toEqual([]);
    expect(facts.dataSubjectsUnknownFrom).toEqual(['resource:default/logins']);
    for (const rule of ['ca_ind', 'pipeda', 'gdpr33']) {
      expect(statusOf(facts, rule).status).toBe('to-be-determined');
    }
    expect(statusOf(facts, 'ca_ind').openQuestions).toContainEqual({
      about: 'facts.dataSubjects',
      question:
        'Where do the people in resource:default/logins live, and about how many in each place?',
    });
  });

  it('counts from several datasets are bounds: an AG threshold inside them is to be determined, not "below"', async () => {
    const facts = await factsOf(
      [
        resource('model', {
          type: 'llm-model',
          dataCategories: ['proprietary.model-weights'],
          trainedOn: ['resource:a', 'resource:b', 'resource:c'],
          regions: ['us-west-2'],
        }),
        ...['a', 'b'].map(name =>
          resource(name, {
            type: 'llm-dataset',
            purpose: 'training',
            dataCategories: ['personal.credentials'],
            dataSubjects: ['US-CA'],
            approxDataSubjects: 300,
            regions: ['us-west-2'],
          }),
        ),
        resource('c', {
          type: 'llm-dataset',
          purpose: 'training',
          dataCategories: ['personal.credentials'],
          dataSubjects: ['US-CA', 'US-NY'],
          approxDataSubjects: 1000,
          regions: ['us-west-2'],
        }),
      ],
      'model',
      'model-weight-exfiltration',
      { acquired: true, encrypted: false },
    );
    expect(facts.dataSubjects).toContainEqual({
      jurisdiction: 'US-CA',
      atLeast: 300,
      atMost: 1600,
      from: ['resource:default/a', 'resource:default/b', 'resource:default/c'],
    });
    const ag = statusOf(facts, 'ca_ag');
    expect(ag.status).toBe('to-be-determined');
    expect(ag.reasons.join(' | ')).toContain(
      'between 300 and 1,600 data subjects in US-CA',
    );
  });

  it('leaked weights are where the model is stored, not where its training data are: no CERT-In for a model leaked from Frankfurt', async () => {
    const facts = await factsOf(
      [
        resource('model', {
          type: 'llm-model',
          dataCategories: ['proprietary.model-weights'],
          trainedOn: ['resource:india-clicks'],
          regions: ['eu-central-1'],
        }),
        resource('india-clicks', {
          type: 'llm-dataset',
          purpose: 'training',
          dataCategories: ['personal.behavioral'],
          dataSubjects: ['DE'],
          approxDataSubjects: 10,
          regions: ['ap-south-1'],
        }),
      ],
      'model',
      'model-weight-exfiltration',
    );
    expect(facts.hostingRegions).toEqual(['eu-central-1']);
    const certIn = statusOf(facts, 'in_certin');
    expect(certIn.status).toBe('not-applicable');
    // The dataset itself leaking from Mumbai is a CERT-In incident.
    const datasetLeak = await factsOf(
      [
        resource('india-clicks', {
          type: 'llm-dataset',
          purpose: 'training',
          dataCategories: ['personal.behavioral'],
          dataSubjects: ['DE'],
          approxDataSubjects: 10,
          regions: ['ap-south-1'],
        }),
      ],
      'india-clicks',
      'training-data-exposure',
    );
    const reported = statusOf(datasetLeak, 'in_certin');
    expect(reported.status).toBe('applies');
    expect(reported.reasons).toContain(
      'hosting link: hosted in ap-south-1 (IN)',
    );
  });

  it("a base model assessed anonymous does not pass its training data to a fine-tune's leaked weights", async () => {
    const facts = await factsOf(
      [
        resource('fine-tune', {
          type: 'llm-model',
          dataCategories: ['proprietary.model-weights'],
          fineTunedFrom: 'resource:base',
          trainedOn: ['resource:tickets'],
          regions: ['eu-west-1'],
        }),
        resource(
          'base',
          {
            type: 'llm-model',
            dataCategories: ['proprietary.model-weights'],
            trainedOn: ['resource:web-crawl'],
            regions: ['us-east-1'],
          },
          ANONYMOUS,
        ),
        resource('web-crawl', {
          type: 'llm-dataset',
          purpose: 'training',
          dataCategories: ['personal.identifiers'],
          dataSubjects: ['US-CA'],
          approxDataSubjects: 5_000_000,
          regions: ['us-east-1'],
        }),
        resource('tickets', {
          type: 'llm-dataset',
          purpose: 'fine-tuning',
          dataCategories: ['personal.contact'],
          dataSubjects: ['DE'],
          approxDataSubjects: 20_000,
          regions: ['eu-west-1'],
        }),
      ],
      'fine-tune',
      'model-weight-exfiltration',
    );
    expect(facts.data.model?.trainingData.map(d => d.ref)).toEqual([
      'resource:default/tickets',
    ]);
    expect(facts.dataSubjects?.map(s => s.jurisdiction)).toEqual(['DE']);
  });
});
