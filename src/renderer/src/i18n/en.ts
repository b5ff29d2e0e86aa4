export const en = {
  app: {
    title: 'B24 Desk',
    version: 'Version {{version}}',
    dataDir: 'Data folder',
    dataDirHealthy: 'Data folder is writable',
    dataDirBroken: 'Data folder problem: {{error}}',
    online: 'Online',
    offline: 'Offline',
    loading: 'Loading…',
    about: 'About',
    language: 'Language',
    languages: { en: 'English', ru: 'Русский' },
    close: 'Close',
    cancel: 'Cancel',
    mainViews: 'Views',
    never: 'never',
    unknown: 'unknown'
  },
  empty: {
    importText: 'Moving from another computer? Bring the portal list you exported there.',
    title: 'Welcome to B24 Desk',
    lead: 'Browse and publish the sites, pages, knowledge bases and CRM documents of all your Bitrix24 portals from one window.',
    addTitle: 'Connect your portal',
    addText:
      'Use an inbound webhook or an OAuth application. The connection and its permissions are checked before anything is saved.',
    add: 'Add a portal…',
    demoTitle: 'Try the demo portal',
    demoText:
      'A built-in emulated portal with sites, pages, knowledge bases and documents. Nothing real is touched.',
    demo: 'Open the demo portal',
    demoOpening: 'Starting the demo portal…'
  },
  portals: {
    heading: 'Portals',
    add: 'Add portal',
    demo: 'DEMO',
    tags: 'Filter by tag',
    show: 'Show {{name}} in views',
    actions: 'Actions for {{name}}',
    edit: 'Edit…',
    remove: 'Remove…',
    probe: 'Check now',
    lastSync: 'Synced {{age}}',
    neverSynced: 'Not synced yet',
    status: {
      unknown: 'Not checked',
      online: 'Online',
      unreachable: 'Unreachable',
      auth_failed: 'Needs credentials',
      limited: 'Limited'
    },
    removeTitle: 'Remove {{name}}?',
    removeText:
      'The portal, its saved credentials and its cached catalog are removed from this computer. Nothing changes on the portal itself. Queued work for it is cancelled.',
    removeConfirm: 'Remove portal',
    exportList: 'Export portal list',
    importList: 'Import portal list…',
    imported_one: 'Imported {{names}}. Enter its credentials with Edit… before its work can be sent.',
    imported_other:
      'Imported {{count}} portals: {{names}}. Enter their credentials with Edit… before their work can be sent.',
    importedNone: 'Nothing imported: every portal in the list is already here (by name).',
    openDemo: 'Open demo'
  },
  portalForm: {
    addTitle: 'Add a portal',
    editTitle: 'Edit {{name}}',
    name: 'Name',
    tags: 'Tags',
    tagsHint: 'Separated by commas, e.g. clients, moscow',
    limits: 'Plan limits',
    limitsOptions: {
      standard: 'Standard (2 requests/s)',
      enterprise: 'Enterprise (5 requests/s)',
      'self-hosted': 'Self-hosted'
    },
    auth: 'Connection',
    webhook: 'Inbound webhook',
    oauth: 'OAuth application',
    webhookUrl: 'Webhook URL',
    webhookHint: 'https://your-portal.bitrix24.com/rest/1/abc123…/',
    caPem: 'Trusted certificate (PEM, optional)',
    caKeepHint: 'Leave it empty to keep the certificate this portal already trusts, if it has one.',
    caHint: 'Only for portals with a self-signed or private certificate.',
    portalUrl: 'Portal URL',
    clientId: 'Client ID',
    clientSecret: 'Client secret',
    accessToken: 'Access token',
    refreshToken: 'Refresh token',
    oauthServer: 'OAuth server (optional)',
    keepCredentials: 'Keep the current credentials',
    replaceCredentials: 'Replace the credentials',
    check: 'Check connection',
    checking: 'Checking…',
    checkedAs: 'Connected to {{host}} as {{user}}',
    admin: 'administrator',
    notAdmin: 'not an administrator',
    scopes: 'Permissions: {{scopes}}',
    landingOk: 'Sites and knowledge bases: available',
    landingMissing: 'Sites and knowledge bases: the “landing” permission is missing',
    crmOk: 'CRM documents: available',
    crmMissing: 'CRM documents: the “crm” or “documentgenerator” permission is missing',
    checkFirst: 'Check the connection before saving.',
    save: 'Save portal',
    saving: 'Saving…'
  },
  views: {
    sites: 'Sites',
    pages: 'Pages',
    documents: 'Documents',
    previews: 'Previews',
    refresh: 'Refresh from portals',
    refreshing: 'Refreshing…',
    noPortals: 'No portal is shown. Tick a portal in the sidebar.'
  },
  filters: {
    search: 'Filter',
    searchPlaceholder: 'Title, code or URL',
    portal: 'Portal',
    allPortals: 'All portals',
    type: 'Type',
    allTypes: 'All types',
    state: 'State',
    allStates: 'Any state',
    published: 'Published',
    unpublished: 'Not published',
    link: 'Link',
    anyLink: 'Any link',
    shown: '{{shown}} of {{total}}'
  },
  columns: {
    select: 'Select',
    selectAll_one: 'Select the {{count}} shown',
    selectAll_other: 'Select all {{count}} shown',
    selectRow: 'Select {{title}}',
    portal: 'Portal',
    title: 'Title',
    type: 'Type',
    scope: 'Scope',
    published: 'Published',
    publicUrl: 'Public URL',
    modified: 'Modified',
    site: 'Site',
    folder: 'Folder',
    number: 'Number',
    entity: 'Linked to',
    created: 'Created',
    link: 'Public link'
  },
  types: {
    PAGE: 'Site',
    STORE: 'Store',
    SMN: 'Corporate',
    KNOWLEDGE: 'Knowledge base',
    GROUP: 'Group KB',
    MAINPAGE: 'Main page'
  },
  scopes: { none: 'Sites', KNOWLEDGE: 'Knowledge', GROUP: 'Group', MAINPAGE: 'Main page' },
  table: {
    yes: 'Yes',
    no: 'No',
    empty: 'Nothing matches the filter.',
    loading: 'Loading the catalog…',
    sortAsc: 'sorted ascending',
    sortDesc: 'sorted descending',
    hint: 'Arrow keys move, Space selects, Shift+Space selects a range, Enter opens, Ctrl+A selects all shown.'
  },
  sites: {
    open: 'Open {{title}}',
    allSites: 'All sites',
    folders: 'Folders',
    allFolders: 'All pages of the site',
    rootPages: 'Pages outside folders',
    publishFolder: 'Publish folder',
    unpublishFolder: 'Unpublish folder'
  },
  documents: {
    linkOn: 'On',
    linkOff: 'Off',
    linkUnknown: '—',
    details: 'Document',
    switchOn: 'Switch the public link on',
    switchOff: 'Switch the public link off',
    copy: 'Copy link',
    copied: 'Link copied',
    copyFailed: 'Could not copy: {{error}}',
    openLink: 'Open in browser',
    noLink: 'The public link is off.',
    queued: 'Queued in the outbox; the link updates when the portal confirms.',
    pick: 'Select a document (Enter) to see its public link.',
    loadFailed: 'Could not load the document: {{error}}'
  },
  links: {
    copy: 'Copy link',
    copied: 'Link copied',
    pending: 'Getting the link…',
    none: 'The portal returned no public address.',
    failed: 'Could not get the link: {{error}}'
  },
  previews: {
    intro:
      'Previews of the selected sites and pages, or of the pages shown by the filter when nothing is selected.',
    none: 'No preview',
    failed: 'Preview unavailable',
    open: 'Open preview of {{title}}',
    openBrowser: 'Open in browser',
    more: 'Show more',
    empty: 'No site or page to preview.',
    count_one: '{{shown}} of {{count}} preview',
    count_other: '{{shown}} of {{count}} previews'
  },
  age: {
    justNow: 'just now',
    stale: '{{portal}}: could not refresh ({{message}}). Showing the catalog as of {{age}}.',
    staleNever: '{{portal}}: could not refresh ({{message}}) and nothing was synced before.'
  },
  bulk: {
    selected_one: '{{count}} selected {{portals}}',
    selected_other: '{{count}} selected {{portals}}',
    onPortals_one: 'on {{count}} portal',
    onPortals_other: 'on {{count}} portals',
    publish: 'Publish…',
    unpublish: 'Unpublish…',
    linkOn: 'Switch links on…',
    linkOff: 'Switch links off…',
    clear: 'Clear selection',
    reviewTitle: 'Review',
    kinds: {
      site_one: 'site',
      site_other: 'sites',
      page_one: 'page',
      page_other: 'pages',
      folder_one: 'folder',
      folder_other: 'folders',
      document_one: 'document link',
      document_other: 'document links'
    },
    actions: { publish: 'Publish', unpublish: 'Unpublish', 'link-on': 'Switch on', 'link-off': 'Switch off' },
    summary: '{{action}} {{count}} {{what}} {{portals}}.',
    skipped_one: '{{count}} is already in that state and will be skipped.',
    skipped_other: '{{count}} are already in that state and will be skipped.',
    nothing: 'Everything selected is already in that state. Nothing to do.',
    perPortal: '{{portal}}: {{count}}',
    unpublishWarning: 'Unpublished pages stop being reachable by visitors immediately.',
    confirmUnpublish_one: 'I understand: take {{count}} item offline',
    confirmUnpublish_other: 'I understand: take {{count}} items offline',
    offlineNote: '{{portal}} is not reachable now; its work waits in the outbox and starts when it is back.',
    enqueue: 'Put into the outbox',
    enqueued: 'Queued: {{title}}',
    jobTitle: '{{action}} {{count}} {{what}}',
    failed: 'Could not queue the work: {{error}}',
    /** What else the portal changes by itself (REST reference §6.5). */
    effects: {
      checking: 'Checking what else the portal changes…',
      published: 'Also published by the portal: {{list}}.',
      folders_one: '{{count}} folder',
      folders_other: '{{count}} folders',
      sites_one: '{{count}} site ({{names}})',
      sites_other: '{{count}} sites ({{names}})',
      more: '{{count}} more',
      foldersUnknown_one:
        'Folders of {{count}} site are not loaded yet; the portal may publish some of them too.',
      foldersUnknown_other:
        'Folders of {{count}} sites are not loaded yet; the portal may publish some of them too.',
      pagesStay_one:
        '{{count}} unpublished page stays unpublished: publishing a site does not publish its unpublished pages.',
      pagesStay_other:
        '{{count}} unpublished pages stay unpublished: publishing a site does not publish its unpublished pages.',
      pagesStayUnknown:
        'Unpublished pages stay unpublished: publishing a site does not publish its unpublished pages.',
      alsoOffline: 'This also {{what}}.',
      and: '{{a}} and {{b}}',
      takesPages_one: 'takes its {{count}} published page offline',
      takesPages_other: 'takes its {{count}} published pages offline',
      takesPages_several_one: 'takes their {{count}} published page offline',
      takesPages_several_other: 'takes their {{count}} published pages offline',
      takesAllPages: 'takes all its pages offline',
      takesAllPages_several: 'takes all their pages offline',
      deactivatesFolders_one: 'deactivates its {{count}} folder',
      deactivatesFolders_other: 'deactivates its {{count}} folders',
      deactivatesFolders_several_one: 'deactivates their {{count}} folder',
      deactivatesFolders_several_other: 'deactivates their {{count}} folders',
      deactivatesAllFolders: 'deactivates its folders',
      deactivatesAllFolders_several: 'deactivates their folders'
    }
  },
  outbox: {
    button: 'Outbox',
    buttonPending_one: 'Outbox, {{count}} pending',
    buttonPending_other: 'Outbox, {{count}} pending',
    title: 'Outbox',
    empty: 'Nothing queued. Bulk actions and link switches appear here.',
    lanes: 'Portals',
    jobs: 'Jobs',
    lane: {
      idle: 'Idle',
      running: 'Sending',
      paused: 'Paused',
      waiting: 'Waiting',
      unreachable: 'Unreachable',
      auth: 'Needs credentials'
    },
    counts: {
      queued_one: '{{count}} queued',
      queued_other: '{{count}} queued',
      sending_one: '{{count}} sending',
      sending_other: '{{count}} sending',
      done_one: '{{count}} done',
      done_other: '{{count}} done',
      failed_one: '{{count}} failed',
      failed_other: '{{count}} failed',
      superseded_one: '{{count}} superseded',
      superseded_other: '{{count}} superseded',
      cancelled_one: '{{count}} cancelled',
      cancelled_other: '{{count}} cancelled'
    },
    progress: '{{settled}} of {{total}}',
    laneEmpty: 'Nothing waiting',
    progressLabel: 'Progress of {{name}}',
    pauseLane: 'Pause {{name}}',
    resumeLane: 'Resume {{name}}',
    pause: 'Pause',
    resume: 'Resume',
    cancel: 'Cancel',
    cancelConfirm_one: 'Cancel the {{count}} operation not sent yet?',
    cancelConfirm_other: 'Cancel the {{count}} operations not sent yet?',
    retry: 'Retry failed',
    exportCsv: 'Export CSV',
    exportJson: 'Export JSON',
    failures_one: 'Failures ({{count}})',
    failures_other: 'Failures ({{count}})',
    hideFailures: 'Hide failures',
    jobState: { active: 'Active', paused: 'Paused', finished: 'Finished' },
    nextAttempt: 'next attempt {{age}}',
    whatToDo: {
      transient: 'Temporary problem; it is retried automatically.',
      unreachable: 'The portal cannot be reached. The work waits and resumes by itself.',
      auth: 'Fix the portal’s credentials, then resume.',
      limited: 'A plan limit was reached. Raise the limit or unpublish something, then retry.',
      permanent: 'Fix it on the portal (permissions, deleted object), then retry.'
    }
  },
  banners: {
    unreachable: '{{name}} cannot be reached. Its work waits in the outbox and resumes when it is back.',
    auth: '{{name}} refused the credentials. Work for it is paused until they are fixed.',
    limited: '{{name}} is limited by its plan: {{message}}',
    fix: 'Fix credentials…',
    retryNow: 'Check now'
  },
  errors: {
    generic: 'Something went wrong: {{error}}'
  }
}

type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other'
/** `done_one` → `done`; keys that are not plural forms → never. */
type PluralBase<K> = K extends `${infer B}_${PluralSuffix}` ? B : never
type PlainKey<K> = K extends `${string}_${PluralSuffix}` ? never : K

/**
 * The shape another language must have: every plain key of `en`, and for every plural key of `en`
 * (`x_one`, `x_other`) at least `x_other`, with whichever other CLDR forms the language needs
 * (Russian has `_one`, `_few`, `_many`). Unknown keys and missing keys stay errors.
 */
export type Translation<T = typeof en> = {
  [K in keyof T as PlainKey<K>]: T[K] extends string ? string : Translation<T[K]>
} & {
  [K in keyof T as `${PluralBase<K> & string}_other`]: string
} & {
  [K in keyof T as `${PluralBase<K> & string}_${Exclude<PluralSuffix, 'other'>}`]?: string
}
