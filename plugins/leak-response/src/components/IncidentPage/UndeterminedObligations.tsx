import {
  Box,
  Button,
  MenuItem,
  TextField,
  Typography,
} from '@material-ui/core';
import {
  ASSESSMENT_QUESTIONS,
  IncidentObligation,
  isAssessmentQuestion,
  OpenQuestion,
} from '@leak-response/plugin-leak-response-common';
import { wrapText } from '../shared';

/** The to-be-determined obligations one open question settles. */
export interface QuestionGroup {
  question: OpenQuestion;
  obligations: IncidentObligation[];
}

function openQuestionsOf(o: IncidentObligation): OpenQuestion[] {
  const questions = (o.evaluation as { openQuestions?: unknown } | undefined)
    ?.openQuestions;
  return Array.isArray(questions)
    ? questions.filter(
        (q): q is OpenQuestion =>
          typeof q?.question === 'string' && typeof q?.about === 'string',
      )
    : [];
}

/**
 * Groups an incident's to-be-determined obligations under the first
 * question that settles each, largest group first.
 */
export function groupByQuestion(
  obligations: IncidentObligation[],
): QuestionGroup[] {
  const groups = new Map<string, QuestionGroup>();
  for (const o of obligations) {
    const question = openQuestionsOf(o)[0] ?? {
      about: 'unknown',
      question: 'Not yet known',
    };
    const group = groups.get(question.question) ?? {
      question,
      obligations: [],
    };
    group.obligations.push(o);
    groups.set(question.question, group);
  }
  return [...groups.values()].sort(
    (a, b) =>
      b.obligations.length - a.obligations.length ||
      a.question.question.localeCompare(b.question.question),
  );
}

/** The assessment answer key an open question asks, when it asks one. */
export function answerKeyOf(question: OpenQuestion): string | undefined {
  const key = question.about.startsWith('answers.')
    ? question.about.slice('answers.'.length)
    : undefined;
  return key &&
    isAssessmentQuestion(key) &&
    ASSESSMENT_QUESTIONS[key].scope === 'incident'
    ? key
    : undefined;
}

function label(value: string | boolean) {
  if (value === true) return 'yes';
  if (value === false) return 'no';
  return value;
}

/**
 * The obligations still to be determined, under the question that settles
 * each; a question of the incident's assessment is answered right here
 * (saving re-evaluates the obligations), others say where they are settled.
 */
export const UndeterminedObligations = (props: {
  obligations: IncidentObligation[];
  assessment: Record<string, unknown>;
  canUpdate: boolean;
  onAnswer: (key: string, value: string | boolean) => void;
  /** Marks one not required by hand, with a justification. */
  onNotRequired: (obligation: IncidentObligation) => void;
}) => (
  <Box>
    {groupByQuestion(props.obligations).map(group => {
      const key = answerKeyOf(group.question);
      const values: readonly (string | boolean)[] = key
        ? ASSESSMENT_QUESTIONS[key as keyof typeof ASSESSMENT_QUESTIONS].values
        : [];
      return (
        <Box
          key={group.question.question}
          component="section"
          aria-label={group.question.question}
          mb={2}
          style={wrapText}
        >
          <Typography variant="subtitle2">
            {group.question.question} ({group.obligations.length})
          </Typography>
          {key ? (
            <TextField
              select
              size="small"
              id={`answer-${key}`}
              label="Answer"
              value={
                props.assessment[key] === undefined
                  ? ''
                  : String(props.assessment[key])
              }
              disabled={!props.canUpdate}
              onChange={e => {
                const match = values.find(v => String(v) === e.target.value);
                if (match !== undefined) props.onAnswer(key, match);
              }}
              SelectProps={{ inputProps: { 'aria-label': `Answer: ${key}` } }}
              style={{ minWidth: 220, margin: '4px 0' }}
            >
              {values.map(v => (
                <MenuItem key={String(v)} value={String(v)}>
                  {label(v)}
                </MenuItem>
              ))}
            </TextField>
          ) : (
            <Typography variant="caption" color="textSecondary" component="p">
              Settled by the catalog or the organisation profile, or in the
              assessment below.
            </Typography>
          )}
          <ul
            aria-label="To be determined"
            style={{ margin: 0, paddingLeft: 20 }}
          >
            {group.obligations.map(o => (
              <li key={o.id}>
                <Typography variant="body2" component="span">
                  <strong>{o.regime}</strong> {o.stage} →{' '}
                  <span>{o.recipient}</span>
                  {o.dueText ? ` (${o.dueText})` : ''}
                </Typography>
                {props.canUpdate && (
                  <Button
                    size="small"
                    onClick={() => props.onNotRequired(o)}
                    style={{ marginLeft: 8 }}
                  >
                    Not required
                  </Button>
                )}
              </li>
            ))}
          </ul>
        </Box>
      );
    })}
  </Box>
);
