import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Code,
  FileInput,
  Group,
  Modal,
  Stack,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconDownload, IconFileText, IconUpload, IconX } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useFormat } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { problemText, StatusBadge, useAgreementRights } from './AgreementsPage';
import {
  type AgreementDetail,
  type AgreementScope,
  type AgreementVersion,
  acceptedFiles,
  agreementQuery,
  maxFileBytes,
  scopeOf,
  upload,
} from './api';

const kb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** One agreement: its versions timeline with comments and decisions, and what this side may do next. */
export function AgreementPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { orgId, agreementId } = useParams({ strict: false }) as { orgId?: string; agreementId: string };
  const scope = scopeOf(orgId);
  const rights = useAgreementRights(scope);
  const query = useQuery(agreementQuery(scope, agreementId));
  const [dialog, setDialog] = useState<'approve' | 'reject' | 'version' | null>(null);
  usePageTitle(query.data?.title ?? t('agreements.title'));
  const back = (
    <Anchor size="sm" component={Link} to={scope.web}>
      {t('agreements.back')}
    </Anchor>
  );
  if (query.isPending)
    return (
      <Stack maw={960}>
        {back}
        <ListSkeleton />
      </Stack>
    );
  if (query.isError)
    return (
      <Stack maw={960}>
        {back}
        <ErrorState error={query.error} onRetry={() => void query.refetch()} titleOrder={1} />
      </Stack>
    );
  const a = query.data;
  const latest = a.latestVersion;
  const sideName = (side: string) => t(`agreements.sides.${side as 'staff'}`);
  const myTurn = a.status === 'in_review' && a.awaitingSide === scope.side;
  const approvedDecision = a.decisions.findLast((d) => d.decision === 'approve');
  return (
    <Stack gap={0} maw={960}>
      <PageHeader
        above={back}
        title={a.title}
        description={
          <>
            {t(`agreements.kinds.${a.kind}`)}
            {scope.side === 'staff' ? ` · ${t('agreements.detail.company', { name: a.companyName })}` : ''}
            {a.parent ? ` · ${t('agreements.detail.parent', { title: a.parent.title })}` : ''}
          </>
        }
        actions={<StatusBadge status={a.status} />}
      />
      <Stack gap="lg">
        {latest ? (
          <Alert
            color={
              a.status === 'approved' ? 'teal' : a.status === 'rejected' ? 'red' : myTurn ? 'orange' : 'blue'
            }
            data-testid="agreement-state"
          >
            <Stack gap="sm">
              <Text size="sm">
                {a.status === 'approved'
                  ? t('agreements.detail.approvedNote')
                  : a.status === 'rejected'
                    ? t('agreements.detail.rejectedNote', { number: latest.number })
                    : myTurn
                      ? t('agreements.detail.awaitingYou', { number: latest.number })
                      : t('agreements.detail.awaitingOther', { number: latest.number })}
              </Text>
              {approvedDecision ? (
                <Text size="sm" fw={500}>
                  {t('agreements.detail.approvedBy', {
                    name: approvedDecision.person.name,
                    side: sideName(approvedDecision.side),
                    date: f.dateTime(approvedDecision.createdAt),
                  })}
                </Text>
              ) : null}
              <Group gap="xs">
                {myTurn && rights.approve ? (
                  <>
                    <Button
                      leftSection={<IconCheck size={16} />}
                      color="teal"
                      onClick={() => setDialog('approve')}
                    >
                      {t('agreements.detail.approve')}
                    </Button>
                    <Button
                      leftSection={<IconX size={16} />}
                      variant="default"
                      onClick={() => setDialog('reject')}
                    >
                      {t('agreements.detail.reject')}
                    </Button>
                  </>
                ) : null}
                {a.status !== 'approved' && rights.edit ? (
                  <Button
                    leftSection={<IconUpload size={16} />}
                    variant="default"
                    onClick={() => setDialog('version')}
                  >
                    {t('agreements.detail.newVersion')}
                  </Button>
                ) : null}
              </Group>
            </Stack>
          </Alert>
        ) : null}
        {latest && rights.edit ? <CommentForm scope={scope} agreement={a} version={latest} /> : null}
        <section aria-labelledby="agreement-versions">
          <Title order={2} size="h3" id="agreement-versions" mb="sm">
            {t('agreements.detail.versions')}
          </Title>
          <Timeline active={a.versions.length - 1} bulletSize={28} lineWidth={2}>
            {[...a.versions].reverse().map((v) => (
              <Timeline.Item
                key={v.id}
                bullet={<IconFileText size={16} />}
                title={
                  <Text fw={600} component="h3" size="md">
                    {t('agreements.version', { number: v.number })}
                  </Text>
                }
                data-testid="agreement-version"
              >
                <VersionBody agreement={a} version={v} />
              </Timeline.Item>
            ))}
          </Timeline>
        </section>
      </Stack>
      {latest ? (
        <>
          <ApproveDialog
            scope={scope}
            agreement={a}
            version={latest}
            opened={dialog === 'approve'}
            onClose={() => setDialog(null)}
          />
          <RejectDialog
            scope={scope}
            agreement={a}
            version={latest}
            opened={dialog === 'reject'}
            onClose={() => setDialog(null)}
          />
          <VersionDialog
            scope={scope}
            agreement={a}
            opened={dialog === 'version'}
            onClose={() => setDialog(null)}
          />
        </>
      ) : null}
    </Stack>
  );
}

function VersionBody({ agreement, version }: { agreement: AgreementDetail; version: AgreementVersion }) {
  const { t } = useTranslation();
  const f = useFormat();
  const sideName = (side: string) => t(`agreements.sides.${side as 'staff'}`);
  const comments = agreement.comments.filter((c) => c.versionId === version.id);
  const decisions = agreement.decisions.filter((d) => d.versionId === version.id);
  return (
    <Stack gap={6} mt={4}>
      <Text size="sm" c="dimmed">
        {t('agreements.detail.uploadedBy', {
          name: version.uploadedBy.name,
          side: sideName(version.side),
          date: f.dateTime(version.createdAt),
        })}
      </Text>
      {version.note ? <Text size="sm">{version.note}</Text> : null}
      <Group gap="xs" wrap="wrap">
        <Anchor href={version.url} size="sm" style={{ wordBreak: 'break-all' }}>
          <Group gap={4} wrap="nowrap" component="span">
            <IconDownload size={14} aria-hidden="true" />
            <span>{t('agreements.detail.download', { name: version.fileName })}</span>
          </Group>
        </Anchor>
        <Text size="xs" c="dimmed">
          {kb(version.size)}
        </Text>
      </Group>
      <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
        {t('agreements.detail.hash')}: <Code fz="xs">{version.sha256}</Code>
      </Text>
      {decisions.map((d) => (
        <Badge
          key={d.id}
          variant="light"
          color={d.decision === 'approve' ? 'teal' : 'red'}
          style={{ height: 'auto', whiteSpace: 'normal', textTransform: 'none' }}
          py={4}
          data-testid="agreement-decision"
        >
          {t(d.decision === 'approve' ? 'agreements.detail.approvedBy' : 'agreements.detail.rejectedBy', {
            name: d.person.name,
            side: sideName(d.side),
            date: f.dateTime(d.createdAt),
          })}
          {d.confirmation ? ` · ${t('agreements.detail.confirmedByCode')}` : ''}
          {d.comment ? ` — ${d.comment}` : ''}
        </Badge>
      ))}
      {comments.length ? (
        <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {comments.map((c) => (
            <Card key={c.id} withBorder padding="xs" component="li" data-testid="agreement-comment">
              <Text size="xs" c="dimmed">
                {c.author.name} ({sideName(c.side)}), {f.dateTime(c.createdAt)}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {c.text}
              </Text>
            </Card>
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}

interface DialogProps {
  scope: AgreementScope;
  agreement: AgreementDetail;
  version: AgreementVersion;
  opened: boolean;
  onClose: () => void;
}

function useRefresh(scope: AgreementScope) {
  const client = useQueryClient();
  return (detail: AgreementDetail) => {
    client.setQueryData(agreementQuery(scope, detail.id).queryKey, detail);
    void client.invalidateQueries({ queryKey: ['agreements', scope.api, 'list'] });
  };
}

function CommentForm({ scope, agreement, version }: Omit<DialogProps, 'opened' | 'onClose'>) {
  const { t } = useTranslation();
  const refresh = useRefresh(scope);
  const [text, setText] = useState('');
  const send = useMutation({
    mutationFn: () =>
      api<AgreementDetail>(`${scope.api}/${agreement.id}/versions/${version.id}/comments`, {
        method: 'POST',
        json: { text: text.trim() },
      }),
    onSuccess: (detail) => {
      refresh(detail);
      setText('');
      notifications.show({ message: t('agreements.detail.commentSent'), color: 'teal' });
    },
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim()) send.mutate();
      }}
    >
      <Stack gap="xs">
        <Textarea
          label={t('agreements.detail.commentLabel', { number: version.number })}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={4000}
          error={send.isError ? problemText(send.error, t('errors.generic')) : undefined}
        />
        <Group>
          <Button type="submit" variant="light" loading={send.isPending} disabled={!text.trim()}>
            {t('agreements.detail.commentSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Approve with a one-time code: ask for the code, then enter it. */
function ApproveDialog({ scope, agreement, version, opened, onClose }: DialogProps) {
  const { t } = useTranslation();
  const refresh = useRefresh(scope);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const base = `${scope.api}/${agreement.id}/versions/${version.id}`;
  const send = useMutation({
    mutationFn: () => api<{ sentTo: string; expiresAt: string }>(`${base}/approval-code`, { method: 'POST' }),
    onSuccess: (sent) => setSentTo(sent.sentTo),
  });
  const approve = useMutation({
    mutationFn: () =>
      api<AgreementDetail>(`${base}/approve`, { method: 'POST', json: { code: code.trim() } }),
    onSuccess: (detail) => {
      refresh(detail);
      notifications.show({ message: t('agreements.approve.done'), color: 'teal' });
      close();
    },
  });
  const close = () => {
    setSentTo(null);
    setCode('');
    send.reset();
    approve.reset();
    onClose();
  };
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={opened}
      onClose={close}
      title={t('agreements.approve.title', { number: version.number })}
    >
      <Stack>
        <Text size="sm">
          {t('agreements.approve.legal', { number: version.number, file: version.fileName })}
        </Text>
        {sentTo ? (
          <Alert color="blue" data-testid="approval-code-sent">
            {t('agreements.approve.sent', { email: sentTo })}
          </Alert>
        ) : null}
        {send.isError ? (
          <Text c="red" size="sm" role="alert">
            {problemText(send.error, t('errors.generic'))}
          </Text>
        ) : null}
        <Button
          variant={sentTo ? 'default' : 'filled'}
          onClick={() => send.mutate()}
          loading={send.isPending}
        >
          {sentTo ? t('agreements.approve.resend') : t('agreements.approve.send')}
        </Button>
        {sentTo ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (/^\d{6}$/.test(code.trim())) approve.mutate();
            }}
          >
            <Stack>
              <TextInput
                label={t('agreements.approve.code')}
                value={code}
                onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, '').slice(0, 6))}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                data-autofocus
                error={approve.isError ? problemText(approve.error, t('errors.generic')) : undefined}
              />
              <Button type="submit" color="teal" loading={approve.isPending} disabled={code.length !== 6}>
                {t('agreements.approve.submit')}
              </Button>
            </Stack>
          </form>
        ) : null}
      </Stack>
    </Modal>
  );
}

function RejectDialog({ scope, agreement, version, opened, onClose }: DialogProps) {
  const { t } = useTranslation();
  const refresh = useRefresh(scope);
  const [comment, setComment] = useState('');
  const reject = useMutation({
    mutationFn: () =>
      api<AgreementDetail>(`${scope.api}/${agreement.id}/versions/${version.id}/reject`, {
        method: 'POST',
        json: { comment: comment.trim() },
      }),
    onSuccess: (detail) => {
      refresh(detail);
      notifications.show({ message: t('agreements.rejectForm.done'), color: 'teal' });
      setComment('');
      onClose();
    },
  });
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={opened}
      onClose={onClose}
      title={t('agreements.rejectForm.title', { number: version.number })}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (comment.trim()) reject.mutate();
        }}
      >
        <Stack>
          <Textarea
            label={t('agreements.rejectForm.comment')}
            required
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            autosize
            minRows={3}
            maxLength={4000}
            data-autofocus
            error={reject.isError ? problemText(reject.error, t('errors.generic')) : undefined}
          />
          <Button type="submit" color="red" loading={reject.isPending} disabled={!comment.trim()}>
            {t('agreements.rejectForm.submit')}
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}

function VersionDialog({ scope, agreement, opened, onClose }: Omit<DialogProps, 'version'>) {
  const { t } = useTranslation();
  const refresh = useRefresh(scope);
  const [file, setFile] = useState<File | null>(null);
  const [note, setNote] = useState('');
  const tooLarge = file !== null && file.size > maxFileBytes;
  const send = useMutation({
    mutationFn: () =>
      upload<AgreementDetail>(
        `${scope.api}/${agreement.id}/versions`,
        { note: note.trim() || null },
        file as File,
      ),
    onSuccess: (detail) => {
      refresh(detail);
      notifications.show({ message: t('agreements.versionForm.done'), color: 'teal' });
      setFile(null);
      setNote('');
      onClose();
    },
  });
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={opened}
      onClose={onClose}
      title={t('agreements.versionForm.title')}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (file && !tooLarge) send.mutate();
        }}
      >
        <Stack>
          <FileInput
            label={t('agreements.form.file')}
            placeholder={t('agreements.form.filePlaceholder')}
            leftSection={<IconUpload size={16} />}
            accept={acceptedFiles}
            required
            value={file}
            onChange={setFile}
            clearable
            error={
              tooLarge
                ? t('agreements.form.fileTooLarge')
                : send.isError
                  ? problemText(send.error, t('errors.generic'))
                  : undefined
            }
          />
          <Textarea
            label={t('agreements.form.note')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={2000}
          />
          <Button type="submit" loading={send.isPending} disabled={!file || tooLarge}>
            {t('agreements.versionForm.submit')}
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}
