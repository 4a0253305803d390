import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /**
       * AWS discovery of LLM models, datasets and endpoints through the
       * Resource Groups Tagging API, one instance per key (the key is the
       * provider id: `llm-aws-provider:<id>`). Credentials come from the
       * `aws` config of `@backstage/integration-aws-node`.
       */
      llmAws?: {
        [id: string]: {
          /**
           * The 12-digit account to inventory; its credentials are looked up
           * in `aws.accounts` (or `aws.accountDefaults` role assumption).
           * Without it, the main account credentials are used.
           */
          accountId?: string;
          /** Region codes to list, e.g. [eu-west-1, us-east-1]. */
          regions: string[];
          /**
           * `service[:resourceType]` filters. Default: sagemaker:model,
           * sagemaker:endpoint, sagemaker:endpoint-config,
           * bedrock:custom-model, bedrock:provisioned-model, s3.
           */
          resourceTypeFilters?: string[];
          /** Only resources with all these tags (any listed value, or any value when none are listed). */
          tagFilters?: Array<{ key: string; values?: string[] }>;
          /** The tag key read for each entity field; unset fields keep their defaults. */
          tagKeys?: {
            /** Default `llm:type`: llm-model, llm-dataset or llm-endpoint. */
            type?: string;
            /** Default `llm:data-categories`; space- or `+`-separated. */
            dataCategories?: string;
            /** Default `llm:data-subjects`; space- or `+`-separated. */
            dataSubjects?: string;
            /** Default `llm:approx-data-subjects`; a whole number. */
            approxDataSubjects?: string;
            /** Default `llm:trained-on`; entity refs or ARNs, space- or `+`-separated. */
            trainedOn?: string;
            /** Default `llm:fine-tuned-from`; an entity ref or ARN. */
            fineTunedFrom?: string;
            /** Default `llm:serves`; entity refs or ARNs, space- or `+`-separated. */
            serves?: string;
            /** Default `llm:logs-to`; entity refs or ARNs, space- or `+`-separated. */
            logsTo?: string;
            /** Default `llm:purpose`. */
            purpose?: string;
            /** Default `owner`. */
            owner?: string;
            /** Default `system`. */
            system?: string;
            /** Default `lifecycle`. */
            lifecycle?: string;
          };
          /** Owner of resources without an owner tag. Default `group:default/unknown`. */
          defaultOwner?: string;
          /** Namespace of the emitted entities. Default `default`. */
          namespace?: string;
          /** Tagging API endpoint override, for VPC endpoints and tests. */
          endpoint?: string;
          /** Resources per GetResources page, 1 to 100. Default 100. */
          pageSize?: number;
          /** Attempts per request, retries included (SDK standard retry strategy). Default 3. */
          maxAttempts?: number;
          /**
           * Time after which a request is abandoned and retried: a duration
           * string ('30s', 'PT30S') or an object of units (the shape of
           * HumanDuration, spelled out to avoid a dependency on
           * @backstage/types for one field).
           */
          requestTimeout?:
            | string
            | { milliseconds?: number; seconds?: number; minutes?: number };
          /** When to run discovery; required unless a schedule is given in code. */
          schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        };
      };
      /**
       * Lineage discovery from SageMaker and Bedrock, one instance per key
       * (provider id `llm-lineage-provider:<id>`). Credentials come from the
       * `aws` config of `@backstage/integration-aws-node`.
       */
      llmLineage?: {
        [id: string]: {
          /** 12-digit accounts to read, each with credentials in `aws.accounts`. */
          accountIds?: string[];
          /**
           * An AWS Organizations management account whose active member
           * accounts are read too, by assuming `roleName` in each.
           */
          organization?: {
            /** Its credentials come from `aws.accounts`. */
            managementAccountId: string;
            /** The IAM role assumed in every member account. */
            roleName: string;
            /** Passed to sts:AssumeRole when the role requires one. */
            externalId?: string;
            /** Member accounts to leave out. */
            excludeAccountIds?: string[];
          };
          /** Region codes to read in every account. */
          regions: string[];
          /**
           * Default sagemaker and bedrock. Add `macie` where Amazon Macie is
           * enabled in every listed account and region: its sensitive-data
           * findings become suggested data categories on the datasets that
           * hold the objects (never written into spec.dataCategories).
           */
          services?: Array<'sagemaker' | 'bedrock' | 'macie'>;
          /** Owner of discovered entities. Default `group:default/unknown`. */
          defaultOwner?: string;
          /** Namespace of the discovered entities. Default `default`. */
          namespace?: string;
          /** Items per list page, 1 to 100. Default 100. */
          pageSize?: number;
          /** Describe calls in flight per listing, 1 to 64. Default 8. */
          concurrency?: number;
          /** Attempts per request, retries included (SDK standard retry). Default 3. */
          maxAttempts?: number;
          /** Endpoint overrides per client, for VPC endpoints and tests. */
          endpoints?: {
            sagemaker?: string;
            bedrock?: string;
            bedrockAgent?: string;
            macie?: string;
            organizations?: string;
            sts?: string;
          };
          /** When to run discovery; required unless a schedule is given in code. */
          schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        };
      };
    };
  };
}
