import { InfoCard } from '@backstage/core-components';
import { EntityRefLink, EntityRefLinks } from '@backstage/plugin-catalog-react';
import {
  Checkbox,
  LinearProgress,
  List,
  ListItem,
  ListItemIcon,
  ListItemText,
  Typography,
} from '@material-ui/core';
import { IncidentRecord } from '@leak-response/plugin-leak-response-common';
import { Countdown, DateTime, wrapText } from '../shared';

/** The playbook's tasks by step with assignees and completion. */
export const TasksCard = (props: {
  record: IncidentRecord;
  now: number;
  canUpdate: boolean;
  onToggle: (taskId: string, done: boolean) => void;
}) => {
  const { record, now, canUpdate, onToggle } = props;
  const tasks = [...record.tasks].sort((a, b) => a.position - b.position);
  const done = tasks.filter(t => t.doneAt).length;
  return (
    <InfoCard title="Tasks" subheader={`${done} of ${tasks.length} done`}>
      <LinearProgress
        variant="determinate"
        value={tasks.length ? (done / tasks.length) * 100 : 0}
        aria-label="Task completion"
      />
      <List dense aria-label="Tasks">
        {tasks.map(task => (
          <ListItem key={task.id} divider>
            <ListItemIcon>
              <Checkbox
                edge="start"
                checked={Boolean(task.doneAt)}
                disabled={!canUpdate}
                onChange={e => onToggle(task.id, e.target.checked)}
                inputProps={{ 'aria-label': task.title }}
              />
            </ListItemIcon>
            <ListItemText
              style={wrapText}
              primary={task.title}
              secondaryTypographyProps={{ component: 'div' }}
              secondary={
                <>
                  <Typography variant="caption" component="div">
                    Responsible:{' '}
                    <EntityRefLinks entityRefs={task.responsible} />
                    {task.accountable && (
                      <>
                        {' · Accountable: '}
                        <EntityRefLinks entityRefs={[task.accountable]} />
                      </>
                    )}
                  </Typography>
                  {task.doneAt ? (
                    <Typography variant="caption" component="div">
                      Done by{' '}
                      {task.doneBy ? (
                        <EntityRefLink
                          entityRef={task.doneBy}
                          defaultKind="user"
                        />
                      ) : (
                        'someone'
                      )}{' '}
                      at <DateTime iso={task.doneAt} />
                    </Typography>
                  ) : (
                    task.dueAt && (
                      <Typography variant="caption" component="div">
                        Due <DateTime iso={task.dueAt} />{' '}
                        <Countdown at={task.dueAt} now={now} />
                      </Typography>
                    )
                  )}
                </>
              }
            />
          </ListItem>
        ))}
      </List>
    </InfoCard>
  );
};
