// The API's response types, taken from the server's zod schemas (type-only: nothing of the server
// ships in the dashboard bundle).
export type {
  FlowMetricsReportResponse,
  LittlesLawResponse,
  PeriodMetricsResponse,
  PortfolioResponse,
  PortfolioStreamResponse,
} from '../../../server/src/api/schemas/metrics-schemas'
export type {
  AgingWipResponse,
  CumulativeFlowResponse,
  DailyFlowResponse,
  DataNoticeResponse,
  DataQualityResponse,
  FlowTimesResponse,
  LittlesLawCheckResponse,
  TimeInStateItemsResponse,
  TimeInStateResponse,
} from '../../../server/src/api/schemas/flow-schemas'
export type { DependencyGraphResponse } from '../../../server/src/api/schemas/dependency-schemas'
export type {
  ItemJourneyResponse,
  ItemSearchResponse,
  ItemSummaryResponse,
  JourneyEdge,
  JourneyNode,
  StateStretch,
} from '../../../server/src/api/schemas/item-schemas'
export type {
  ItemSetForecastResponse,
  WhenResponse,
} from '../../../server/src/api/schemas/forecast-schemas'
export type {
  DurationSummaryResponse,
  InsufficientDataResponse,
} from '../../../server/src/api/schemas/common-schemas'
export type {
  MappingPreviewResponse,
  MappingProblemResponse,
  MappingResponse,
  MappingSavedResponse,
  MappingSuggestionResponse,
  MetricsDelta,
  StreamDefinitionResponse,
  UnmappedValueResponse,
} from '../../../server/src/api/schemas/mapping-schemas'
export type { ResultCorrelationsResponse } from '../../../server/src/api/schemas/result-schemas'
export type {
  ModelListResponse,
  ValueStreamListResponse,
  ValueStreamResponse,
} from '../../../server/src/api/schemas/model-schemas'
export type {
  BusinessResultsResponse,
  ResultDefinitionResponse,
  ResultPointsInput,
  ResultPointsOutcome,
  ResultStatusListResponse,
} from '../../../server/src/api/schemas/result-schemas'
export type {
  AddSourceBody,
  AddedSourceResponse,
  ConnectionReportResponse,
  RunSummaryResponse,
  ScopeStateResponse,
  SourceStateListResponse,
  SourceStateResponse,
  StatusResponse,
  SyncStartedResponse,
} from '../../../server/src/api/schemas/source-schemas'
export type {
  AuditEntryResponse,
  CreatedTokenResponse,
  MeResponse,
  ProvidersResponse,
  TokenBody,
  TokenResponse,
  UserResponse,
} from '../../../server/src/api/schemas/auth-schemas'
