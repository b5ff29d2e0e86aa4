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
    maxInFlight: 'Requests at once',
    maxInFlightHint:
      'How many outbox requests may run on this portal at the same time (1 to {{max}}). The outbox starts with one, adds more while the portal keeps up, and backs off when it does not. 1 sends one at a time.',
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
    caTrusted: 'Certificate trusted for {{host}} only: {{subject}}',
    caFingerprint: 'SHA-256 fingerprint:',
    caValidTo: 'Valid until {{date}}. Compare the fingerprint with your CA’s before saving.',
    checkFirst: 'Check the connection before saving.',
    save: 'Save portal',
    saving: 'Saving…'
  },
  views: {
    sites: 'Sites',
    pages: 'Pages',
    documents: 'Documents',
    previews: 'Previews',
    snapshots: 'Snapshots',
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
    edited: 'Edits',
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
  /** A row's state: what the portal reported, and whether an operation on it is still under way. */
  rowState: {
    edited: 'edited since publication',
    editedHint:
      'The page was edited since its publication: the live version stays, and the edits go live when the page (or its site) is published.',
    liveSiteOff: 'Active, site off',
    liveSiteOffHint: 'The page is active, but its site is not published, so visitors cannot see it.',
    siteUnknownHint: 'Whether the page’s site is published is not known yet.',
    publishing: 'Publishing…',
    unpublishing: 'Unpublishing…',
    queuedPublish: 'Queued to publish',
    queuedUnpublish: 'Queued to unpublish',
    dateAmbiguous: 'Day or month first?',
    dateAmbiguousHint:
      'The portal’s dates do not show whether the day or the month comes first, so the day and month of this date may be swapped.'
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
    /** What else the portal may change by itself (docs/bitrix24.md#landing-methods, #site-publication, #folder-chain). */
    effects: {
      checking: 'Checking what else the portal changes…',
      drafts_one: '{{count}} page edited since its publication goes live with its edits: {{names}}.',
      drafts_other: '{{count}} pages edited since their publication go live with their edits: {{names}}.',
      planLimit:
        'If the plan’s limit of published sites or pages stops the publication, the pages it reached stay published and the site live; the job says what is live.',
      planLimit_several:
        'If the plan’s limit of published sites or pages stops a publication, the pages it reached stay published and the site live; the job says what is live.',
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
      inactivePages_one:
        'The portal may also publish the {{count}} inactive page of this site (current Bitrix24 versions do; its documentation says inactive pages stay unpublished).',
      inactivePages_other:
        'The portal may also publish the {{count}} inactive pages of this site (current Bitrix24 versions do; its documentation says inactive pages stay unpublished).',
      inactivePages_several_one:
        'The portal may also publish the {{count}} inactive page of these sites (current Bitrix24 versions do; its documentation says inactive pages stay unpublished).',
      inactivePages_several_other:
        'The portal may also publish the {{count}} inactive pages of these sites (current Bitrix24 versions do; its documentation says inactive pages stay unpublished).',
      inactiveUnknown:
        'The portal may also publish the inactive pages of this site, which are not loaded yet (current Bitrix24 versions do; its documentation says inactive pages stay unpublished).',
      inactiveUnknown_several:
        'The portal may also publish the inactive pages of these sites, which are not loaded yet (current Bitrix24 versions do; its documentation says inactive pages stay unpublished).',
      pagesMayStay:
        'The portal may leave some of its pages marked active; visitors cannot see them while the site is unpublished.',
      pagesMayStay_several:
        'The portal may leave some of their pages marked active; visitors cannot see them while the sites are unpublished.',
      parentsOffline_one:
        'This also takes its {{count}} published parent folder offline: the portal unpublishes the whole chain of folders above it.',
      parentsOffline_other:
        'This also takes its {{count}} published parent folders offline: the portal unpublishes the whole chain of folders above it.',
      parentsOffline_several_one:
        'This also takes their {{count}} published parent folder offline: the portal unpublishes the whole chain of folders above them.',
      parentsOffline_several_other:
        'This also takes their {{count}} published parent folders offline: the portal unpublishes the whole chain of folders above them.',
      parentsUnknown:
        'This also takes its parent folders offline: the portal unpublishes the whole chain of folders above it.',
      parentsUnknown_several:
        'This also takes their parent folders offline: the portal unpublishes the whole chain of folders above them.',
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
      cancelled_other: '{{count}} cancelled',
      mismatch_one: '{{count}} reported otherwise',
      mismatch_other: '{{count}} reported otherwise'
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
    mismatches_one: 'Portal reports otherwise ({{count}})',
    mismatches_other: 'Portal reports otherwise ({{count}})',
    hideMismatches: 'Hide what the portal reports',
    mismatchTodo:
      'The portal answered, but reading it back shows another state. Check the object on the portal, then retry.',
    changes: 'Also changed on the portal',
    changesMore_one: 'Show {{count}} more',
    changesMore_other: 'Show {{count}} more',
    changeState: { on: 'published', off: 'not published', linkOn: 'link on', linkOff: 'link off' },
    changeKinds: { site: 'site', page: 'page', folder: 'folder', document: 'document link' },
    jobState: { active: 'Active', paused: 'Paused', finished: 'Finished' },
    nextAttempt: 'next attempt {{age}}',
    inFlight: '{{inFlight}} of {{window}} in flight',
    inFlightMax: '{{inFlight}} of {{window}} in flight (up to {{ceiling}})',
    inFlightTitle:
      'Requests on the wire to this portal now, of how many the outbox allows itself: it adds more while the portal keeps up and backs off when it does not.',
    lowered: 'Lowered to {{to}} at {{time}}: {{reason}}',
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
  schedule: {
    when: 'When',
    now: 'Now',
    at: 'At a set time',
    time: 'Start time',
    zone: 'Time zone: {{zone}}',
    invalid: 'Enter a date and time.',
    past: 'That time has passed. Choose a time in the future.',
    startsIn: 'starts in {{duration}}',
    units: {
      dh: '{{d}} d {{h}} h',
      d: '{{d}} d',
      hm: '{{h}} h {{m}} min',
      h: '{{h}} h',
      ms: '{{m}} min {{s}} s',
      m: '{{m}} min',
      s: '{{s}} s'
    },
    scheduledFor: 'Scheduled for {{time}}',
    due: 'Due since {{time}}; starts as soon as its portal can take it.',
    missed:
      'Missed its time ({{time}}): B24 Desk was not running then, and it is too late to start it unasked. Reschedule it or start it now.',
    startedLate: 'Started {{duration}} late (scheduled for {{time}}).',
    startedOnTime: 'Started as scheduled, {{time}}.',
    reschedule: 'Reschedule…',
    startNow: 'Start now',
    newTime: 'New start time',
    save: 'Save',
    rescheduled: '{{title}}: now starts {{time}}',
    startingNow: '{{title}}: starting now'
  },
  restoreJob: {
    pending: 'Restores snapshot “{{name}}”; compared with it after the read-back.',
    checking: 'Comparing the portal with snapshot “{{name}}”…',
    matches: 'The portal matches snapshot “{{name}}” again.',
    differs_one: '{{count}} object does not match snapshot “{{name}}”.',
    differs_other: '{{count}} objects do not match snapshot “{{name}}”.',
    show: 'Show what differs',
    hide: 'Hide',
    listLabel: 'Objects that do not match the snapshot'
  },
  snapshots: {
    heading: 'Snapshots',
    intro:
      'A snapshot records what is live on the chosen portals: sites, pages, folders and document public links. Compare it with now, or put it back exactly.',
    empty: 'No snapshots yet. Take one before a campaign or a risky bulk change.',
    loadFailed: 'Could not load the snapshots: {{error}}',
    takeEllipsis: 'Take a snapshot…',
    takeTitle: 'Take a snapshot',
    takeText:
      'The portals are read afresh, which takes as long as refreshing their listings: the cached catalog is not trusted for this.',
    name: 'Name',
    namePlaceholder: 'e.g. Before the spring campaign',
    take: 'Take snapshot',
    taking: 'Taking…',
    takingText: 'Reading what is live on the portals…',
    taken: 'Snapshot taken: {{name}}',
    takeFailed: 'Could not take the snapshot: {{error}}',
    scope: {
      portals: 'Portals',
      what: 'Covers',
      wholePortals: 'Whole portals',
      chosenSites: 'Chosen sites',
      filterSites: 'Filter sites',
      sites: 'Sites',
      sitesChosen_one: '{{count}} site chosen',
      sitesChosen_other: '{{count}} sites chosen',
      noSites: 'No sites of these portals are in the catalog yet. Open the Sites view to load them.',
      narrow_one: '{{count}} more site is not shown; narrow the filter.',
      narrow_other: '{{count}} more sites are not shown; narrow the filter.'
    },
    takenAt: 'Taken {{time}} ({{age}})',
    coversPortals: 'Whole portals: {{names}}',
    coversSites: 'Chosen sites ({{count}}): {{names}}',
    counts: '{{sites}}, {{pages}}, {{folders}}, {{documents}}; {{live}}',
    n: {
      sites_one: '{{count, number}} site',
      sites_other: '{{count, number}} sites',
      pages_one: '{{count, number}} page',
      pages_other: '{{count, number}} pages',
      folders_one: '{{count, number}} folder',
      folders_other: '{{count, number}} folders',
      documents_one: '{{count, number}} document',
      documents_other: '{{count, number}} documents',
      live_one: '{{count, number}} of them live',
      live_other: '{{count, number}} of them live'
    },
    compare: 'Compare with now',
    comparing: 'Comparing…',
    comparingText: 'Reading the portals afresh to compare…',
    compareFailed: 'Could not compare: {{error}}',
    hideComparison: 'Hide comparison',
    comparison: 'Comparison of {{name}} with now',
    same: 'Everything is as it was when the snapshot was taken.',
    diffSummary: '{{portal}}: {{list}}',
    wentOffline_one: '{{count, number}} went offline',
    wentOffline_other: '{{count, number}} went offline',
    wentLive_one: '{{count, number}} went live',
    wentLive_other: '{{count, number}} went live',
    gone_one: '{{count, number}} no longer exists',
    gone_other: '{{count, number}} no longer exist',
    wentOfflineHead: 'Live then, not now',
    wentLiveHead: 'Live now, not then',
    goneHead: 'No longer on the portal (cannot be restored)',
    wentOfflineList: 'Went offline on {{portal}}',
    wentLiveList: 'Went live on {{portal}}',
    goneList: 'Gone from {{portal}}',
    entryStates: 'then {{then}}, now {{now}}',
    state: { live: 'live', offline: 'offline', gone: 'gone' },
    showAll: 'Show all {{count, number}}',
    showFewer: 'Show fewer',
    restore: 'Restore…',
    delete: 'Delete…',
    deleteTitle: 'Delete snapshot “{{name}}”?',
    deleteText: 'Only the record on this computer is deleted; nothing changes on the portals.',
    deleteMaintenance:
      'Its maintenance window is still open: without the snapshot, nothing here can put the sites back as they were.',
    deleteConfirm: 'Delete snapshot',
    deleted: 'Snapshot deleted: {{name}}'
  },
  restore: {
    title: 'Restore “{{name}}”',
    what: 'Restore',
    all: 'All of it',
    somePortals: 'Chosen portals',
    someSites: 'Chosen sites',
    chooseScope: 'Choose what to restore.',
    planning: 'Comparing with the portals to plan the restore…',
    planFailed: 'Could not plan the restore: {{error}}',
    nothing: 'The portals already match the snapshot. Nothing to restore.',
    summary_one: '{{count, number}} change {{portals}} puts the snapshot back.',
    summary_other: '{{count, number}} changes {{portals}} put the snapshot back.',
    step: '{{action}} {{count}} {{what}}',
    order: 'In the order they run',
    moreSteps_one: 'and {{count, number}} more step',
    moreSteps_other: 'and {{count, number}} more steps',
    confirm_one: 'I understand: {{count, number}} item is set offline, as it was in the snapshot',
    confirm_other: 'I understand: {{count, number}} items are set offline, as they were in the snapshot',
    submit: 'Restore',
    scheduled: 'Scheduled: {{title}}, {{time}}'
  },
  maintenance: {
    mark: 'Maintenance',
    wholePortal: 'whole portal',
    sites_one: '{{count}} site',
    sites_other: '{{count}} sites',
    noEnd: 'ends by hand',
    until: 'until {{time}}',
    startEllipsis: 'Take offline for maintenance…',
    startTitle: 'Take offline for maintenance',
    startText:
      'A snapshot of what is live is taken first, then everything chosen is taken offline. Ending the maintenance puts back exactly what was live.',
    namePlaceholder: 'e.g. Rebrand weekend',
    endWhen: 'End of maintenance',
    endByHand: 'I end it myself',
    endAt: 'Automatically at',
    whatPortals_one: '{{count}} whole portal',
    whatPortals_other: '{{count}} whole portals',
    whatSites_one: '{{count}} site',
    whatSites_other: '{{count}} sites',
    confirm: 'I understand: take {{what}} offline',
    start: 'Take offline',
    starting: 'Taking offline…',
    started: 'Maintenance started: {{name}}',
    startedUntil: 'Maintenance started: {{name}}, ends {{time}}',
    startFailed: 'Could not start maintenance: {{error}}',
    active: 'In maintenance',
    activeUntil: 'In maintenance until {{time}}',
    ended: 'Maintenance ended',
    endEllipsis: 'End maintenance…',
    endTitle: 'End maintenance “{{name}}”',
    endText:
      'Everything the snapshot recorded as live is put back now, in an order that leaves the portals as they were.',
    endCancelsScheduled: 'The end scheduled for {{time}} is cancelled.',
    end: 'End maintenance'
  },
  desktop: {
    settingsButton: 'Settings',
    update: {
      label: 'Update',
      checking: 'Checking for updates…',
      available: 'B24 Desk {{version}} is available.',
      downloading: 'Downloading B24 Desk {{version}}: {{percent}} %',
      progress: 'Download progress',
      ready: 'B24 Desk {{version}} is ready. It installs when you quit, or now:',
      waiting: 'Restarting once the batches being sent are answered…',
      error: 'The update could not be installed: {{error}}',
      notes: 'What’s new in {{version}}',
      download: 'Download',
      restart: 'Restart to update',
      retry: 'Try again'
    },
    settings: {
      title: 'Desktop settings',
      onClose: 'When the window closes while work is queued or due today',
      onCloseOptions: {
        tray: 'Keep running in the tray and go on sending',
        quit: 'Quit (ask first when work is queued)'
      },
      startAtLogin: 'Start at login, hidden in the tray (scheduled jobs start on time)',
      updates: 'Updates',
      updateModes: {
        auto: 'Download updates in the background',
        manual: 'Only when I check (Help → Check for Updates)',
        off: 'Never'
      },
      locked: 'Set by your organisation ({{file}}).',
      version: 'This is version {{version}}.',
      notifications: 'Notify me when'
    },
    notify: {
      jobFinished: 'a job finishes',
      jobFailed: 'a job ends with failures',
      jobReported: 'the portal reports otherwise than a job asked',
      scheduledStarted: 'a scheduled job starts',
      maintenance: 'a maintenance window starts or ends',
      portalUnreachable: 'a portal with work waiting is unreachable for over 15 minutes'
    }
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
