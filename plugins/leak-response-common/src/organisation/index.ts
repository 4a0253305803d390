export {
  ORGANISATION_PROFILE_KEYS,
  OrganisationProfileError,
  organisationFacts,
  readOrganisationProfile,
} from './profile';
export type { OrganisationProfile, OrganisationSectorFacts } from './profile';
