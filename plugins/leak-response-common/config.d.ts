export interface Config {
  leakResponse?: {
    /**
     * Data categories added to (or overriding) the built-in vocabulary used
     * in `spec.dataCategories` of LLM entities. Flags left out are false.
     * @visibility frontend
     */
    dataCategories?: Array<{
      /**
       * Dot-separated lower-case id, e.g. `personal.loyalty`.
       * @visibility frontend
       */
      id: string;
      /**
       * What belongs in the category.
       * @visibility frontend
       */
      description: string;
      /**
       * Personal data under GDPR Art. 4(1).
       * @visibility frontend
       */
      personal?: boolean;
      /**
       * A GDPR Art. 9 special category (including inferred ones).
       * @visibility frontend
       */
      specialCategory?: boolean;
      /**
       * PCI DSS account data.
       * @visibility frontend
       */
      cardData?: boolean;
      /**
       * Credentials granting access to an account or system.
       * @visibility frontend
       */
      credentials?: boolean;
      /**
       * Financial data about a person (bank account, payment history).
       * @visibility frontend
       */
      financial?: boolean;
      /**
       * Proprietary material (trade secrets, model weights).
       * @visibility frontend
       */
      proprietary?: boolean;
      /**
       * Generated data describing no real person.
       * @visibility frontend
       */
      synthetic?: boolean;
      /**
       * Data assessed as anonymous.
       * @visibility frontend
       */
      anonymous?: boolean;
    }>;
    /**
     * Overrides and additions to the breach-notification rules table, keyed
     * by rule id (e.g. `gdpr33`, `aiact_gen`). For a built-in id the given
     * fields replace the defaults (`deadline` and `inForce` field by field);
     * `disabled: true` removes the rule; a new id adds a rule and must give
     * every required field. Validated at start-up: an error names the field.
     */
    rules?: {
      [ruleId: string]: {
        /** Remove this built-in rule. */
        disabled?: boolean;
        regime?: string;
        law?: string;
        /** Jurisdiction code the duty comes from, e.g. `EU`, `US-CA`, `*`. */
        jurisdiction?: string;
        recipient?: string;
        stage?: string;
        trigger?: string;
        /**
         * When the rule applies: one of `all`, `any`, `not`, `answer` (+ `is`),
         * `data`, `subjectsIn` (+ `moreThan` / `atLeast`), `hostedIn`,
         * `establishedIn`, `ruleApplies`, `constant` (+ `reason`).
         */
        when?: object;
        /** The event the deadline runs from, e.g. `aware`, `determination`, `consumer_notice_sent`. */
        clock?: string;
        deadline?: {
          kind?: 'period' | 'text';
          amount?: number;
          /** `h` clock hours, `cd` calendar days, `bd` US business days, `wd` Brazilian working days, `mo` months. */
          unit?: 'h' | 'cd' | 'bd' | 'wd' | 'mo';
          /** For `kind: text`, e.g. "without undue delay". */
          text?: string;
          variants?: Array<{ when: object; amount: number; note: string }>;
          cap?: {
            clock: string;
            amount: number;
            unit: 'h' | 'cd' | 'bd' | 'wd' | 'mo';
          };
        };
        /** IANA time zone whose calendar counts days. */
        zone?: string;
        /** Start date of the rule, judged on the awareness date (YYYY-MM-DD). */
        inForce?: { from?: string; possiblyFrom?: string; note?: string };
        stagedReports?: string;
        content?: string[];
        sources?: string[];
        confidence?: 'verified' | 'secondary' | 'unverified';
        notes?: string[];
      };
    };
  };
}
