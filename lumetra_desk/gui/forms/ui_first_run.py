# Generated from ui/first_run.ui by scripts/compile_forms.py - do not edit; edit the form and recompile.
# -*- coding: utf-8 -*-

################################################################################
##
##
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QComboBox, QFormLayout, QLabel,
    QLineEdit, QPlainTextEdit, QRadioButton, QSizePolicy,
    QSpacerItem, QSpinBox, QVBoxLayout, QWidget,
    QWizard, QWizardPage)

class Ui_FirstRunWizard(object):
    def setupUi(self, FirstRunWizard):
        if not FirstRunWizard.objectName():
            FirstRunWizard.setObjectName(u"FirstRunWizard")
        FirstRunWizard.resize(640, 520)
        FirstRunWizard.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.welcomePage = QWizardPage()
        self.welcomePage.setObjectName(u"welcomePage")
        self.welcomeLayout = QVBoxLayout(self.welcomePage)
        self.welcomeLayout.setObjectName(u"welcomeLayout")
        self.setUpChoice = QRadioButton(self.welcomePage)
        self.setUpChoice.setObjectName(u"setUpChoice")
        self.setUpChoice.setChecked(True)

        self.welcomeLayout.addWidget(self.setUpChoice)

        self.demoChoice = QRadioButton(self.welcomePage)
        self.demoChoice.setObjectName(u"demoChoice")

        self.welcomeLayout.addWidget(self.demoChoice)

        self.welcomeSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.welcomeLayout.addItem(self.welcomeSpacer)

        FirstRunWizard.addPage(self.welcomePage)
        self.companyPage = QWizardPage()
        self.companyPage.setObjectName(u"companyPage")
        self.companyLayout = QFormLayout(self.companyPage)
        self.companyLayout.setObjectName(u"companyLayout")
        self.companyNameLabel = QLabel(self.companyPage)
        self.companyNameLabel.setObjectName(u"companyNameLabel")

        self.companyLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.companyNameLabel)

        self.companyNameEdit = QLineEdit(self.companyPage)
        self.companyNameEdit.setObjectName(u"companyNameEdit")

        self.companyLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.companyNameEdit)

        self.productLabel = QLabel(self.companyPage)
        self.productLabel.setObjectName(u"productLabel")

        self.companyLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.productLabel)

        self.productEdit = QLineEdit(self.companyPage)
        self.productEdit.setObjectName(u"productEdit")

        self.companyLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.productEdit)

        self.addressLabel = QLabel(self.companyPage)
        self.addressLabel.setObjectName(u"addressLabel")

        self.companyLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.addressLabel)

        self.addressEdit = QPlainTextEdit(self.companyPage)
        self.addressEdit.setObjectName(u"addressEdit")
        self.addressEdit.setTabChangesFocus(True)

        self.companyLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.addressEdit)

        self.emailLabel = QLabel(self.companyPage)
        self.emailLabel.setObjectName(u"emailLabel")

        self.companyLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.emailLabel)

        self.emailEdit = QLineEdit(self.companyPage)
        self.emailEdit.setObjectName(u"emailEdit")

        self.companyLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.emailEdit)

        self.websiteLabel = QLabel(self.companyPage)
        self.websiteLabel.setObjectName(u"websiteLabel")

        self.companyLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.websiteLabel)

        self.websiteEdit = QLineEdit(self.companyPage)
        self.websiteEdit.setObjectName(u"websiteEdit")

        self.companyLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.websiteEdit)

        self.signatoryNameLabel = QLabel(self.companyPage)
        self.signatoryNameLabel.setObjectName(u"signatoryNameLabel")

        self.companyLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.signatoryNameLabel)

        self.signatoryNameEdit = QLineEdit(self.companyPage)
        self.signatoryNameEdit.setObjectName(u"signatoryNameEdit")

        self.companyLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.signatoryNameEdit)

        self.signatoryTitleLabel = QLabel(self.companyPage)
        self.signatoryTitleLabel.setObjectName(u"signatoryTitleLabel")

        self.companyLayout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.signatoryTitleLabel)

        self.signatoryTitleEdit = QLineEdit(self.companyPage)
        self.signatoryTitleEdit.setObjectName(u"signatoryTitleEdit")

        self.companyLayout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.signatoryTitleEdit)

        self.companyError = QLabel(self.companyPage)
        self.companyError.setObjectName(u"companyError")
        self.companyError.setWordWrap(True)

        self.companyLayout.setWidget(7, QFormLayout.ItemRole.SpanningRole, self.companyError)

        FirstRunWizard.addPage(self.companyPage)
        self.mailboxPage = QWizardPage()
        self.mailboxPage.setObjectName(u"mailboxPage")
        self.mailboxLayout = QFormLayout(self.mailboxPage)
        self.mailboxLayout.setObjectName(u"mailboxLayout")
        self.imapHostLabel = QLabel(self.mailboxPage)
        self.imapHostLabel.setObjectName(u"imapHostLabel")

        self.mailboxLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.imapHostLabel)

        self.imapHostEdit = QLineEdit(self.mailboxPage)
        self.imapHostEdit.setObjectName(u"imapHostEdit")

        self.mailboxLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.imapHostEdit)

        self.imapPortLabel = QLabel(self.mailboxPage)
        self.imapPortLabel.setObjectName(u"imapPortLabel")

        self.mailboxLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.imapPortLabel)

        self.imapPortSpin = QSpinBox(self.mailboxPage)
        self.imapPortSpin.setObjectName(u"imapPortSpin")
        self.imapPortSpin.setMinimum(1)
        self.imapPortSpin.setMaximum(65535)
        self.imapPortSpin.setValue(993)

        self.mailboxLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.imapPortSpin)

        self.imapSecurityLabel = QLabel(self.mailboxPage)
        self.imapSecurityLabel.setObjectName(u"imapSecurityLabel")

        self.mailboxLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.imapSecurityLabel)

        self.imapSecurityCombo = QComboBox(self.mailboxPage)
        self.imapSecurityCombo.setObjectName(u"imapSecurityCombo")

        self.mailboxLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.imapSecurityCombo)

        self.imapUserLabel = QLabel(self.mailboxPage)
        self.imapUserLabel.setObjectName(u"imapUserLabel")

        self.mailboxLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.imapUserLabel)

        self.imapUserEdit = QLineEdit(self.mailboxPage)
        self.imapUserEdit.setObjectName(u"imapUserEdit")

        self.mailboxLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.imapUserEdit)

        self.imapPasswordLabel = QLabel(self.mailboxPage)
        self.imapPasswordLabel.setObjectName(u"imapPasswordLabel")

        self.mailboxLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.imapPasswordLabel)

        self.imapPasswordEdit = QLineEdit(self.mailboxPage)
        self.imapPasswordEdit.setObjectName(u"imapPasswordEdit")
        self.imapPasswordEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.mailboxLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.imapPasswordEdit)

        self.imapFolderLabel = QLabel(self.mailboxPage)
        self.imapFolderLabel.setObjectName(u"imapFolderLabel")

        self.mailboxLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.imapFolderLabel)

        self.imapFolderEdit = QLineEdit(self.mailboxPage)
        self.imapFolderEdit.setObjectName(u"imapFolderEdit")

        self.mailboxLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.imapFolderEdit)

        self.keyringNote = QLabel(self.mailboxPage)
        self.keyringNote.setObjectName(u"keyringNote")
        self.keyringNote.setWordWrap(True)

        self.mailboxLayout.setWidget(6, QFormLayout.ItemRole.SpanningRole, self.keyringNote)

        self.mailboxError = QLabel(self.mailboxPage)
        self.mailboxError.setObjectName(u"mailboxError")
        self.mailboxError.setWordWrap(True)

        self.mailboxLayout.setWidget(7, QFormLayout.ItemRole.SpanningRole, self.mailboxError)

        FirstRunWizard.addPage(self.mailboxPage)
        self.remindersPage = QWizardPage()
        self.remindersPage.setObjectName(u"remindersPage")
        self.remindersLayout = QFormLayout(self.remindersPage)
        self.remindersLayout.setObjectName(u"remindersLayout")
        self.leadDaysLabel = QLabel(self.remindersPage)
        self.leadDaysLabel.setObjectName(u"leadDaysLabel")

        self.remindersLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.leadDaysLabel)

        self.leadDaysEdit = QLineEdit(self.remindersPage)
        self.leadDaysEdit.setObjectName(u"leadDaysEdit")

        self.remindersLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.leadDaysEdit)

        self.digestHourLabel = QLabel(self.remindersPage)
        self.digestHourLabel.setObjectName(u"digestHourLabel")

        self.remindersLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.digestHourLabel)

        self.digestHourSpin = QSpinBox(self.remindersPage)
        self.digestHourSpin.setObjectName(u"digestHourSpin")
        self.digestHourSpin.setMinimum(0)
        self.digestHourSpin.setMaximum(23)
        self.digestHourSpin.setValue(9)

        self.remindersLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.digestHourSpin)

        self.remindersError = QLabel(self.remindersPage)
        self.remindersError.setObjectName(u"remindersError")
        self.remindersError.setWordWrap(True)

        self.remindersLayout.setWidget(2, QFormLayout.ItemRole.SpanningRole, self.remindersError)

        FirstRunWizard.addPage(self.remindersPage)
#if QT_CONFIG(shortcut)
        self.companyNameLabel.setBuddy(self.companyNameEdit)
        self.productLabel.setBuddy(self.productEdit)
        self.addressLabel.setBuddy(self.addressEdit)
        self.emailLabel.setBuddy(self.emailEdit)
        self.websiteLabel.setBuddy(self.websiteEdit)
        self.signatoryNameLabel.setBuddy(self.signatoryNameEdit)
        self.signatoryTitleLabel.setBuddy(self.signatoryTitleEdit)
        self.imapHostLabel.setBuddy(self.imapHostEdit)
        self.imapPortLabel.setBuddy(self.imapPortSpin)
        self.imapSecurityLabel.setBuddy(self.imapSecurityCombo)
        self.imapUserLabel.setBuddy(self.imapUserEdit)
        self.imapPasswordLabel.setBuddy(self.imapPasswordEdit)
        self.imapFolderLabel.setBuddy(self.imapFolderEdit)
        self.leadDaysLabel.setBuddy(self.leadDaysEdit)
        self.digestHourLabel.setBuddy(self.digestHourSpin)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(FirstRunWizard)

        QMetaObject.connectSlotsByName(FirstRunWizard)
    # setupUi

    def retranslateUi(self, FirstRunWizard):
        FirstRunWizard.setWindowTitle(QCoreApplication.translate("FirstRunWizard", u"Welcome to Lumetra Desk", None))
        self.welcomePage.setTitle(QCoreApplication.translate("FirstRunWizard", u"Welcome to Lumetra Desk", None))
        self.welcomePage.setSubTitle(QCoreApplication.translate("FirstRunWizard", u"A few details make the letters and reminders yours. Everything can be changed later in the settings.", None))
        self.setUpChoice.setText(QCoreApplication.translate("FirstRunWizard", u"Set up Lumetra Desk for my company (company details, mailbox, reminders)", None))
        self.demoChoice.setText(QCoreApplication.translate("FirstRunWizard", u"Explore with demo data first (realistic synthetic cases; set up later)", None))
        self.companyPage.setTitle(QCoreApplication.translate("FirstRunWizard", u"Your company", None))
        self.companyPage.setSubTitle(QCoreApplication.translate("FirstRunWizard", u"These details appear in the letterhead and the signature of every letter.", None))
        self.companyNameLabel.setText(QCoreApplication.translate("FirstRunWizard", u"&Company name:", None))
        self.productLabel.setText(QCoreApplication.translate("FirstRunWizard", u"&Product:", None))
        self.addressLabel.setText(QCoreApplication.translate("FirstRunWizard", u"Postal &address:", None))
        self.addressEdit.setPlaceholderText(QCoreApplication.translate("FirstRunWizard", u"One line per address line", None))
        self.emailLabel.setText(QCoreApplication.translate("FirstRunWizard", u"Privacy &email:", None))
        self.websiteLabel.setText(QCoreApplication.translate("FirstRunWizard", u"&Website:", None))
        self.signatoryNameLabel.setText(QCoreApplication.translate("FirstRunWizard", u"&Signed by:", None))
        self.signatoryTitleLabel.setText(QCoreApplication.translate("FirstRunWizard", u"Signatory's &title:", None))
        self.mailboxPage.setTitle(QCoreApplication.translate("FirstRunWizard", u"Privacy mailbox", None))
        self.mailboxPage.setSubTitle(QCoreApplication.translate("FirstRunWizard", u"Requests are fetched from this IMAP mailbox. Leave the server empty to import saved messages instead, or to set it up later.", None))
        self.imapHostLabel.setText(QCoreApplication.translate("FirstRunWizard", u"IMAP &server:", None))
        self.imapHostEdit.setPlaceholderText(QCoreApplication.translate("FirstRunWizard", u"imap.example.com", None))
        self.imapPortLabel.setText(QCoreApplication.translate("FirstRunWizard", u"&Port:", None))
        self.imapSecurityLabel.setText(QCoreApplication.translate("FirstRunWizard", u"S&ecurity:", None))
        self.imapUserLabel.setText(QCoreApplication.translate("FirstRunWizard", u"&User name:", None))
        self.imapPasswordLabel.setText(QCoreApplication.translate("FirstRunWizard", u"Pass&word:", None))
        self.imapPasswordEdit.setPlaceholderText(QCoreApplication.translate("FirstRunWizard", u"Kept in the system keyring, never in a file", None))
        self.imapFolderLabel.setText(QCoreApplication.translate("FirstRunWizard", u"&Folder:", None))
        self.remindersPage.setTitle(QCoreApplication.translate("FirstRunWizard", u"Reminders", None))
        self.remindersPage.setSubTitle(QCoreApplication.translate("FirstRunWizard", u"Lumetra Desk reminds you before each statutory deadline. Choose how many days ahead.", None))
        self.leadDaysLabel.setText(QCoreApplication.translate("FirstRunWizard", u"Remind me (&days before):", None))
        self.leadDaysEdit.setPlaceholderText(QCoreApplication.translate("FirstRunWizard", u"for example 7, 3, 1", None))
        self.digestHourLabel.setText(QCoreApplication.translate("FirstRunWizard", u"Daily &summary at:", None))
        self.digestHourSpin.setSuffix(QCoreApplication.translate("FirstRunWizard", u":00", None))
    # retranslateUi
