import { Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { SignedInOnly } from '../profile/SignedInOnly';
import type { ConversationDetail } from './api';
import { ChatThread } from './ChatThread';

/** The chat with the company's personal manager (`/orgs/:orgId/chat`) or with support (`/chat`). */
export function ChatPage() {
  const { t } = useTranslation();
  const { orgId } = useParams({ strict: false }) as { orgId?: string };
  const title = t(orgId ? 'chat.titleCompany' : 'chat.titlePersonal');
  usePageTitle(title);
  return (
    <SignedInOnly>
      <Stack gap={0} maw={820}>
        <PageHeader
          title={title}
          description={t(orgId ? 'chat.descriptionCompany' : 'chat.descriptionPersonal')}
        />
        <Conversation orgId={orgId} />
      </Stack>
    </SignedInOnly>
  );
}

function Conversation({ orgId }: { orgId: string | undefined }) {
  const conversation = useQuery({
    queryKey: ['chat', 'open', orgId ?? 'personal'],
    queryFn: () =>
      api<ConversationDetail>('/api/v1/chat/conversations', { method: 'POST', json: orgId ? { orgId } : {} }),
    staleTime: Number.POSITIVE_INFINITY,
    meta: { needsPerson: true },
  });
  if (conversation.isPending) return <ListSkeleton />;
  if (conversation.isError)
    return <ErrorState error={conversation.error} onRetry={() => void conversation.refetch()} />;
  return <ChatThread side="customer" conversation={conversation.data} />;
}
