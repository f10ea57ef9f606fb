import { defineModule } from '../../server/core/module.js';
import { createPubSub, type PubSub } from '../../server/core/pubsub.js';
import { chatAwayJob } from './chat.away.js';
import { ChatHub } from './chat.hub.js';
import { chatRoutes } from './chat.routes.js';
import { chatSocketRoutes } from './chat.ws.js';

/**
 * Live chat (docs/chat.md): a company with its personal manager, a retail customer with support. Messages
 * over HTTP, events over one WebSocket per tab, fanned out between server processes through the database.
 */
export const chatModule = defineModule({
  name: 'chat',
  jobs: (ctx) => [chatAwayJob(ctx.config.publicUrl)],
  async routes(app, ctx) {
    const pubsub: PubSub = createPubSub(ctx.config, app.log);
    await pubsub.ready();
    const hub = new ChatHub(ctx.db, pubsub, app.log);
    app.addHook('onClose', async () => {
      await hub.close();
      await pubsub.close();
    });
    await chatRoutes(app, ctx, pubsub);
    await chatSocketRoutes(app, ctx.db, hub, new URL(ctx.config.publicUrl).origin);
  },
});
