import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { ListItem, ListItemText, Typography } from '@material-ui/core';
import { TimelineEvent } from '@leak-response/plugin-leak-response-common';
import { DateTime, wrapText } from '../shared';

/**
 * Who wrote a timeline event: a user as a link to their catalog page (by
 * name, not by ref); a service (detection, escalation) by its identity.
 */
export const TimelineActor = ({ actor }: { actor: string }) =>
  actor.startsWith('user:') ? (
    <EntityRefLink entityRef={actor} defaultKind="user" />
  ) : (
    <>{actor}</>
  );

const AWARENESS_PREFIX = 'Awareness time corrected: ';

function awareAtOf(value: unknown): string | undefined {
  const at = (value as { awareAt?: unknown } | undefined)?.awareAt;
  return typeof at === 'string' ? at : undefined;
}

/**
 * What an event says: an awareness correction as old → new time (in the
 * viewer's zone) with its reason; any other event by its message.
 */
const EventText = ({ event }: { event: TimelineEvent }) => {
  const from = awareAtOf(event.before);
  const to = awareAtOf(event.after);
  if (event.type === 'awareness-corrected' && from && to) {
    const reason = event.message.startsWith(AWARENESS_PREFIX)
      ? event.message.slice(AWARENESS_PREFIX.length)
      : event.message;
    return (
      <>
        Awareness time corrected: <DateTime iso={from} /> →{' '}
        <DateTime iso={to} />
        <Typography variant="body2" component="span" display="block">
          Reason: {reason}
        </Typography>
      </>
    );
  }
  return <>{event.message}</>;
};

/** One entry of the incident's timeline. */
export const TimelineEntry = ({ event }: { event: TimelineEvent }) => (
  <ListItem divider>
    <ListItemText
      style={wrapText}
      primary={<EventText event={event} />}
      primaryTypographyProps={{ component: 'div' }}
      secondaryTypographyProps={{ component: 'div' }}
      secondary={
        <>
          <DateTime iso={event.at} /> · <TimelineActor actor={event.actor} /> ·{' '}
          {event.type}
        </>
      }
    />
  </ListItem>
);
