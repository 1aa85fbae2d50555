// GraphQL resolvers for reports: thin, with every relation through the per-request loaders and the
// private parts (contact, notes, actor names, candidates) gated by report-visibility.ts.
import type { GraphQLContext } from '../context.ts';
import type { ReportTransition, Resolvers } from '../generated/graphql.ts';
import { required } from '../graphql/required.ts';
import { isStaff, seesNote, seesPrivate } from './report-visibility.ts';
import { TRANSITIONS, mayTake, refusal } from './report-workflow.ts';
import type { StepInput } from './report-step.service.ts';

/** Takes the step and answers with the report as it is now. */
async function step(ctx: GraphQLContext, id: string | number, input: StepInput) {
  const rid = await ctx.services.reports.takeStep(ctx.user, id, input);
  return reload(ctx, rid);
}

async function reload(ctx: GraphQLContext, id: string) {
  const [report] = await ctx.services.reports.byIds([id]);
  return required(report, `report ${id}`);
}

export const reportResolvers: Resolvers = {
  Query: {
    reports: async (_parent, { filter, first, after }, { services, user, loaders }) => {
      const page = await services.reports.list(user, filter, first, after);
      loaders.reports.prime(page.edges.map((e) => e.node));
      return page;
    },
    report: (_parent, { id }, { services, loaders }) =>
      loaders.reports.report.load(services.reports.parseId(id)),
  },
  Mutation: {
    submitReport: async (_parent, { input }, ctx) =>
      reload(ctx, await ctx.services.reports.submit(ctx.user, ctx.clientIp, input)),
    acknowledgeReport: (_parent, { id, note }, ctx) => step(ctx, id, { step: 'acknowledge', note }),
    assignReport: (_parent, { id, unitId, reason }, ctx) => step(ctx, id, { step: 'assign', unitId, reason }),
    mergeReport: (_parent, { id, intoId, note }, ctx) => step(ctx, id, { step: 'merge', intoId, note }),
    rejectReport: (_parent, { id, reason, note }, ctx) => step(ctx, id, { step: 'reject', reason, note }),
    startReport: (_parent, { id, note }, ctx) => step(ctx, id, { step: 'start', note }),
    resolveReport: (_parent, { id, note, mediaIds }, ctx) =>
      step(ctx, id, { step: 'resolve', note, mediaIds }),
    rateReport: (_parent, { id, rating, comment }, ctx) => step(ctx, id, { step: 'rate', rating, comment }),
    reopenReport: (_parent, { id, reason }, ctx) => step(ctx, id, { step: 'reopen', reason }),
  },
  ReportConnection: {
    totalCount: (page) => page.totalCount(),
  },
  Report: {
    category: async (r, _args, { loaders }) =>
      required(await loaders.reports.category.load(r.categoryId), `category ${r.categoryId}`),
    adminUnit: (r, _args, { loaders }) =>
      r.adminUnitId === null ? null : loaders.adminUnit.load(r.adminUnitId),
    unit: (r, _args, { loaders }) => (r.unitId === null ? null : loaders.unit.load(r.unitId)),
    ratingComment: (r, _args, { user }) => (seesPrivate(user, r) ? r.ratingComment : null),
    duplicateOf: (r, _args, { loaders }) =>
      r.duplicateOf === null ? null : loaders.reports.report.load(r.duplicateOf),
    duplicateCandidates: (r, _args, { user, loaders }) =>
      isStaff(user) ? loaders.reports.candidates.load(r.id) : null,
    history: async (r, _args, { loaders }) =>
      (await loaders.reports.history.load(r.id)).map((h) => ({ ...h, reporterUserId: r.reporterUserId })),
    media: (r, _args, { user, loaders }) => loaders.reports.media(user).load(r.id),
    reporter: (r, _args, { user, loaders }) =>
      seesPrivate(user, r) ? loaders.reports.reporter.load(r.id) : null,
    viewerActions: (r, _args, { user }) =>
      TRANSITIONS.filter((t) => mayTake(t, user, r) && refusal(t, r.status) === null).map(
        (t) => t.toUpperCase() as ReportTransition,
      ),
  },
  ReportEvent: {
    by: (h, _args, { user }) => ({ role: h.actorRole, name: isStaff(user) ? h.actorName : null }),
    note: (h, _args, { user }) => (seesNote(user, h, h.action) ? h.note : null),
    unit: (h, _args, { loaders }) => (h.unitId === null ? null : loaders.unit.load(h.unitId)),
    media: async (h, _args, { user, loaders }) =>
      (await loaders.reports.media(user).load(h.reportId)).filter((m) => m.reportEventId === h.id),
  },
  DuplicateCandidate: {
    report: async (c, _args, { loaders }) =>
      required(await loaders.reports.report.load(c.candidateId), `report ${c.candidateId}`),
  },
  // GraphQL enum values ↔ the database's lower-case ones.
  ReportStatus: {
    NEW: 'new',
    ACKNOWLEDGED: 'acknowledged',
    IN_PROGRESS: 'in_progress',
    RESOLVED: 'resolved',
    CLOSED: 'closed',
    REJECTED: 'rejected',
    DUPLICATE: 'duplicate',
  },
  ReportSource: {
    WEB: 'web',
    MOBILE: 'mobile',
    OPEN311: 'open311',
    HOTLINE: 'hotline',
    OPERATOR: 'operator',
    IMPORT: 'import',
  },
  ReportRating: {
    SATISFIED: 'satisfied',
    ACCEPTABLE: 'acceptable',
    UNSATISFIED: 'unsatisfied',
  },
  RejectReason: {
    NOT_RESPONSIBLE: 'not_responsible',
    NOT_A_REAL_ISSUE: 'not_a_real_issue',
  },
  ReportAction: {
    SUBMITTED: 'submitted',
    ACKNOWLEDGED: 'acknowledged',
    ASSIGNED: 'assigned',
    REASSIGNED: 'reassigned',
    STARTED: 'started',
    RESOLVED: 'resolved',
    RATED: 'rated',
    REOPENED: 'reopened',
    REJECTED: 'rejected',
    MERGED: 'merged',
    COMMENTED: 'commented',
    CLOSED: 'closed',
    ACK_OVERDUE: 'ack_overdue',
    RESOLVE_OVERDUE: 'resolve_overdue',
  },
};
