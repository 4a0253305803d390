import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  incidentCreatePermission,
  incidentReadPermission,
  incidentUpdatePermission,
  noticeApprovePermission,
  readinessReadPermission,
} from '@leak-response/plugin-leak-response-common';
import {
  AuthorizeResult as Result,
  createPermission,
} from '@backstage/plugin-permission-common';
import { RESOURCE_TYPE_LEAK_RESPONSE_INCIDENT } from '@leak-response/plugin-leak-response-common';
import { PortalPermissionPolicy } from './permissionPolicy';

const policy = PortalPermissionPolicy.fromConfig(
  new ConfigReader({
    leakResponse: { roles: { compliance: 'group:dpo-office' } },
  }),
);

function user(ref: string, groups: string[]): PolicyQueryUser {
  return {
    identity: { type: 'user', userEntityRef: ref, ownershipEntityRefs: [ref, ...groups] },
    info: { userEntityRef: ref, ownershipEntityRefs: [ref, ...groups] },
    token: 'token',
    credentials: {} as any,
  } as PolicyQueryUser;
}

const responder = user('user:default/noah.fischer', ['group:default/security-ir']);
const dpo = user('user:default/eva.lindqvist', ['group:default/dpo-office']);

describe('PortalPermissionPolicy', () => {
  it.each([
    incidentReadPermission,
    incidentCreatePermission,
    incidentUpdatePermission,
    readinessReadPermission,
  ])(
    'lets any signed-in user %s',
    async permission => {
      expect((await policy.handle({ permission }, responder)).result).toBe(AuthorizeResult.ALLOW);
    },
  );

  it('lets only the compliance group approve notices', async () => {
    expect((await policy.handle({ permission: noticeApprovePermission }, dpo)).result).toBe(AuthorizeResult.ALLOW);
    expect((await policy.handle({ permission: noticeApprovePermission }, responder)).result).toBe(AuthorizeResult.DENY);
  });

  it('denies approval to everyone when no compliance group is configured', async () => {
    const bare = PortalPermissionPolicy.fromConfig(new ConfigReader({}));
    expect((await bare.handle({ permission: noticeApprovePermission }, dpo)).result).toBe(AuthorizeResult.DENY);
  });

  it('denies unknown Leak Response permissions and callers without a user', async () => {
    const unknown = createPermission({ name: 'leak-response.something.else', attributes: {} });
    expect((await policy.handle({ permission: unknown }, dpo)).result).toBe(AuthorizeResult.DENY);
    expect((await policy.handle({ permission: incidentReadPermission })).result).toBe(AuthorizeResult.DENY);
  });

  it('leaves other plugins alone', async () => {
    const catalogRead = createPermission({ name: 'catalog.entity.read', attributes: { action: 'read' } });
    expect((await policy.handle({ permission: catalogRead }, responder)).result).toBe(AuthorizeResult.ALLOW);
  });

  it('lets every signed-in user read every incident by default', async () => {
    const owner = user('user:default/priya.raman', ['group:default/ml-platform']);
    expect(await policy.handle({ permission: incidentReadPermission }, owner)).toEqual({ result: Result.ALLOW });
  });
});

describe('PortalPermissionPolicy with restrictReadToOwners', () => {
  const restricted = PortalPermissionPolicy.fromConfig(
    new ConfigReader({
      leakResponse: {
        roles: { compliance: 'group:dpo-office', security: 'group:default/Security-IR' },
        permissions: { restrictReadToOwners: true },
      },
    }),
  );
  const owner = user('user:default/priya.raman', ['group:default/ml-platform']);

  it('lets users read only incidents affecting what they own or that they launched', async () => {
    expect(await restricted.handle({ permission: incidentReadPermission }, owner)).toEqual({
      result: Result.CONDITIONAL,
      pluginId: 'leak-response',
      resourceType: RESOURCE_TYPE_LEAK_RESPONSE_INCIDENT,
      conditions: {
        anyOf: [
          {
            rule: 'IS_OWNER_OF_AFFECTED_ENTITY',
            resourceType: RESOURCE_TYPE_LEAK_RESPONSE_INCIDENT,
            params: { claims: ['user:default/priya.raman', 'group:default/ml-platform'] },
          },
          {
            rule: 'IS_CREATOR',
            resourceType: RESOURCE_TYPE_LEAK_RESPONSE_INCIDENT,
            params: { claims: ['user:default/priya.raman'] },
          },
        ],
      },
    });
  });

  it('lets the compliance and security groups read every incident', async () => {
    expect((await restricted.handle({ permission: incidentReadPermission }, dpo)).result).toBe(Result.ALLOW);
    expect((await restricted.handle({ permission: incidentReadPermission }, responder)).result).toBe(Result.ALLOW);
  });

  it('leaves launching, working on and approving as they were', async () => {
    expect((await restricted.handle({ permission: incidentCreatePermission }, owner)).result).toBe(Result.ALLOW);
    expect((await restricted.handle({ permission: incidentUpdatePermission }, owner)).result).toBe(Result.ALLOW);
    expect((await restricted.handle({ permission: noticeApprovePermission }, owner)).result).toBe(Result.DENY);
    expect((await restricted.handle({ permission: noticeApprovePermission }, dpo)).result).toBe(Result.ALLOW);
  });

  it('still denies callers without a user', async () => {
    expect((await restricted.handle({ permission: incidentReadPermission })).result).toBe(Result.DENY);
  });
});
