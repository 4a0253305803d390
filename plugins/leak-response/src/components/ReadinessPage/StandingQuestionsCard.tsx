import { InfoCard } from '@backstage/core-components';
import { Box, Chip, Typography } from '@material-ui/core';
import { StandingQuestions } from '@leak-response/plugin-leak-response-common';
import { wrapText } from '../shared';

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString()} ${n === 1 ? one : many}`;

/**
 * "Answer these N questions to settle M obligations across K assets": the
 * organisation's standing facts its profile leaves open, each with the
 * rules it settles and where to answer it (`leakResponse.organisation`).
 * The DPO answers them once instead of on every incident.
 */
export const StandingQuestionsCard = (props: {
  standing?: StandingQuestions;
}) => {
  const { standing } = props;
  if (!standing) return null;
  if (standing.questions.length === 0) {
    return (
      <InfoCard title="Organisation profile">
        <Typography variant="body2">
          The organisation profile answers every standing question the
          obligations of these assets depend on.
        </Typography>
      </InfoCard>
    );
  }
  return (
    <InfoCard
      title={`${
        standing.questions.length === 1
          ? 'Answer this question'
          : `Answer these ${standing.questions.length} questions`
      } to settle ${plural(
        standing.obligationCount,
        'obligation',
      )} across ${plural(standing.assetCount, 'asset')}`}
      subheader="Standing facts of the organisation, answered once in leakResponse.organisation (app-config) instead of on every incident."
    >
      <Box component="ol" m={0} pl={2.5} style={wrapText}>
        {standing.questions.map(q => (
          <li
            key={q.about}
            aria-label={q.question}
            style={{ marginBottom: 12 }}
          >
            <Typography variant="body2">
              <strong>{q.question}</strong>
            </Typography>
            <Typography variant="caption" color="textSecondary" component="p">
              Answer with <code>{q.profileKey}</code> — settles{' '}
              {plural(q.obligationCount, 'obligation')} on{' '}
              {plural(q.assetCount, 'asset')}:
            </Typography>
            <Box display="flex" flexWrap="wrap" style={{ gap: 4 }} mt={0.5}>
              {q.rules.map(rule => (
                <Chip
                  key={rule.ruleId}
                  size="small"
                  variant="outlined"
                  label={`${rule.regime} · ${rule.law}`}
                  title={rule.ruleId}
                />
              ))}
            </Box>
          </li>
        ))}
      </Box>
    </InfoCard>
  );
};
