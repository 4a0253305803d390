import {
  OrganisationProfileError,
  organisationFacts,
  readOrganisationProfile,
} from './profile';
import { evaluateObligations } from '../obligations';

function errorOf(value: unknown): OrganisationProfileError {
  try {
    organisationFacts(readOrganisationProfile(value));
  } catch (e) {
    return e as OrganisationProfileError;
  }
  throw new Error('expected an error');
}

describe('organisation profile', () => {
  it('settles the organisation-level questions once, from the sector facts', () => {
    const facts = organisationFacts(
      readOrganisationProfile({
        establishments: ['DE', 'IE'],
        mainEuEstablishment: 'IE',
        sector: {
          nis2: { entityType: 'none', size: 'large' },
          doraFinancialEntity: false,
          secRegistrant: false,
          euAiActHighRiskProvider: false,
          indianBodyCorporate: false,
          ukRdsp: false,
          nydfsCoveredEntity: false,
        },
        answers: { brSmallAgent: false },
      }),
    );
    expect(facts).toEqual({
      establishments: ['DE', 'IE'],
      answers: {
        brSmallAgent: false,
        financialEntity: false,
        secRegistrant: false,
        highRiskAiProvider: false,
        ukRdsp: false,
        nydfsCoveredEntity: false,
        nis2InScope: false,
      },
    });
    const report = evaluateObligations(
      {
        clocks: { aware: '2026-11-20T09:00:00Z' },
        data: { categories: ['personal.behavioral'] },
        dataSubjects: [{ jurisdiction: 'DE', approxCount: 10 }],
        hostingRegions: ['eu-central-1'],
        ...facts,
      },
      { now: '2026-11-20T10:00:00Z' },
    );
    const status = (id: string) =>
      report.obligations.find(o => o.ruleId === id)!.status;
    for (const id of ['dora_init', 'sec8k', 'nydfs', 'nis2_ew', 'in_certin']) {
      expect([id, status(id)]).toEqual([id, 'not-applicable']);
    }
  });

  it('an Indian body corporate is established in India (CERT-In)', () => {
    expect(
      organisationFacts(
        readOrganisationProfile({ sector: { indianBodyCorporate: true } }),
      ).establishments,
    ).toEqual(['IN']);
  });

  it.each([
    [
      { sector: { nis2: { entityType: 'big' } } },
      'leakResponse.organisation.sector.nis2.entityType',
      'must be one of essential, important, none',
    ],
    [
      { sector: { dora: true } },
      'leakResponse.organisation.sector.dora',
      'unknown key',
    ],
    [
      { establishments: ['Germany'] },
      'leakResponse.organisation.establishments[0]',
      'must be a jurisdiction code',
    ],
    [
      { establishments: ['DE'], mainEuEstablishment: 'IE' },
      'leakResponse.organisation.mainEuEstablishment',
      'must also be listed',
    ],
    [
      { answers: { listedCompany: true } },
      'leakResponse.organisation.answers.listedCompany',
      'unknown question',
    ],
    [
      { answers: { secRegistrant: true }, sector: { secRegistrant: false } },
      'leakResponse.organisation.answers.secRegistrant',
      'contradicts leakResponse.organisation.sector.secRegistrant',
    ],
    [
      { establishments: ['IN'], sector: { indianBodyCorporate: false } },
      'leakResponse.organisation.sector.indianBodyCorporate',
      'lists India',
    ],
  ])('rejects %j naming the key', (value, key, problem) => {
    const error = errorOf(value);
    expect(error).toBeInstanceOf(OrganisationProfileError);
    expect(error.key).toBe(key);
    expect(error.message).toContain(problem);
  });
});
