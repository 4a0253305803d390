import { InfoCard } from '@backstage/core-components';
import { Button, Grid, MenuItem, TextField } from '@material-ui/core';
import {
  ASSESSMENT_QUESTIONS,
  AssessmentQuestion,
} from '@leak-response/plugin-leak-response-common';
import { useState } from 'react';
import { IncidentAssessmentAnswers } from '../../api';

type Answer = string | boolean | undefined;

const EXPOSURE = {
  question:
    'Is the exposure confirmed (leaked data matched to stored data) or only suspected (model output hints at it)?',
  values: ['confirmed', 'suspected'],
};

/** The incident-scoped questions; organisation answers come from config. */
const INCIDENT_QUESTIONS = (
  Object.keys(ASSESSMENT_QUESTIONS) as AssessmentQuestion[]
).filter(k => ASSESSMENT_QUESTIONS[k].scope === 'incident');

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
 * The assessment: the answers the obligation rules depend on. Saving
 * re-evaluates the obligations.
 */
export const AssessmentForm = (props: {
  assessment: Record<string, unknown>;
  canUpdate: boolean;
  onSave: (answers: IncidentAssessmentAnswers) => Promise<unknown>;
}) => {
  const [answers, setAnswers] = useState<Record<string, Answer>>(
    () => ({ ...props.assessment } as Record<string, Answer>),
  );
  const [showAll, setShowAll] = useState(false);
  const [saving, setSaving] = useState(false);
  const shown = showAll
    ? INCIDENT_QUESTIONS
    : INCIDENT_QUESTIONS.filter(
        q =>
          ['risk', 'encrypted', 'acquired'].includes(q) ||
          answers[q] !== undefined,
      );
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
          {!showAll && (
            <Button onClick={() => setShowAll(true)}>All questions</Button>
          )}
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
