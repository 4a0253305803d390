import { InfoCard } from '@backstage/core-components';
import {
  Button,
  Grid,
  MenuItem,
  TextField,
  Typography,
} from '@material-ui/core';
import {
  ASSESSMENT_QUESTIONS,
  AssessmentQuestion,
  incidentQuestionsToAsk,
  IncidentObligation,
} from '@leak-response/plugin-leak-response-common';
import { useMemo, useState } from 'react';
import { IncidentAssessmentAnswers } from '../../api';

type Answer = string | boolean | undefined;

const EXPOSURE = {
  question:
    'Is the exposure confirmed (leaked data matched to stored data) or only suspected (model output hints at it)?',
  values: ['confirmed', 'suspected'],
};

/** How many incident-scoped questions there are; organisation answers come from the profile. */
const INCIDENT_QUESTION_COUNT = (
  Object.keys(ASSESSMENT_QUESTIONS) as AssessmentQuestion[]
).filter(k => ASSESSMENT_QUESTIONS[k].scope === 'incident').length;

function label(value: string | boolean) {
  if (value === true) return 'yes';
  if (value === false) return 'no';
  return value;
}

const Question = (props: {
  id: string;
  question: string;
  values: readonly (string | boolean)[];
  value: Answer;
  disabled: boolean;
  onChange: (value: Answer) => void;
}) => (
  <TextField
    select
    fullWidth
    id={`assessment-${props.id}`}
    label={props.question}
    value={props.value === undefined ? '' : String(props.value)}
    disabled={props.disabled}
    onChange={e => {
      const raw = e.target.value;
      const match = props.values.find(v => String(v) === raw);
      props.onChange(match);
    }}
    InputLabelProps={{ shrink: true }}
    SelectProps={{ inputProps: { 'aria-label': props.id }, displayEmpty: true }}
  >
    <MenuItem value="">not known yet</MenuItem>
    {props.values.map(v => (
      <MenuItem key={String(v)} value={String(v)}>
        {label(v)}
      </MenuItem>
    ))}
  </TextField>
);

/**
 * The assessment: the answers the obligations of this incident still
 * depend on (and those already given). Questions no open obligation waits
 * on are not asked. Saving re-evaluates the obligations.
 */
export const AssessmentForm = (props: {
  assessment: Record<string, unknown>;
  obligations: IncidentObligation[];
  canUpdate: boolean;
  onSave: (answers: IncidentAssessmentAnswers) => Promise<unknown>;
}) => {
  const [answers, setAnswers] = useState<Record<string, Answer>>(
    () => ({ ...props.assessment } as Record<string, Answer>),
  );
  const [saving, setSaving] = useState(false);
  const shown = useMemo(
    () =>
      incidentQuestionsToAsk(
        props.obligations.map(o => o.evaluation),
        answers,
      ),
    [props.obligations, answers],
  );
  const notAsked = INCIDENT_QUESTION_COUNT - shown.length;
  const set = (key: string) => (value: Answer) =>
    setAnswers(current => ({ ...current, [key]: value }));

  const save = async () => {
    setSaving(true);
    const given = Object.fromEntries(
      Object.entries(answers).filter(([, v]) => v !== undefined),
    ) as IncidentAssessmentAnswers;
    await props.onSave(given);
    setSaving(false);
  };

  return (
    <InfoCard
      title="Assessment"
      subheader="Answers re-evaluate the obligations; unanswered questions leave them to be determined."
    >
      <Grid container spacing={2}>
        <Grid item xs={12} md={6}>
          <Question
            id="exposure"
            question={EXPOSURE.question}
            values={EXPOSURE.values}
            value={answers.exposure}
            disabled={!props.canUpdate}
            onChange={set('exposure')}
          />
        </Grid>
        {shown.map(key => (
          <Grid item xs={12} md={6} key={key}>
            <Question
              id={key}
              question={ASSESSMENT_QUESTIONS[key].question}
              values={ASSESSMENT_QUESTIONS[key].values}
              value={answers[key]}
              disabled={!props.canUpdate}
              onChange={set(key)}
            />
          </Grid>
        ))}
        <Grid item xs={12}>
          <Typography
            variant="caption"
            color="textSecondary"
            component="p"
            gutterBottom
          >
            {shown.length === 0
              ? 'No open question changes an obligation of this incident. '
              : ''}
            {notAsked > 0
              ? `${notAsked} other questions cannot change any obligation of this incident and are not asked; the organisation's standing facts come from its profile.`
              : ''}
          </Typography>
          <Button
            color="primary"
            variant="contained"
            onClick={save}
            disabled={!props.canUpdate || saving}
          >
            Save assessment
          </Button>
        </Grid>
      </Grid>
    </InfoCard>
  );
};
